"""Reading inputs and writing Parquet datasets."""
