"""Building and training models from data: ``thai-extract train ...`` runs these.

Run-time code (stages, ``thai_extract.text``) never imports from here; training code may import
run-time and evaluation code.
"""
