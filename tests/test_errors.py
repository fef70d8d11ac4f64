from thai_extract.errors import MESSAGES, ErrorCode, InputError, ResourceNotFoundError, format_message


def test_every_code_is_unique_and_every_message_formats():
    assert len({c.value for c in ErrorCode}) == len(ErrorCode)
    assert set(MESSAGES) == set(ErrorCode)
    for code in ErrorCode:
        message = format_message(code, source="f.txt", why="because", stage="segment", doc_id="d1")
        assert message.startswith(code.value + " ") and "{" not in message


def test_input_errors_carry_their_code_and_are_value_errors():
    exc = InputError(ErrorCode.EMPTY_INPUT, "f.txt")
    assert isinstance(exc, ValueError) and exc.code is ErrorCode.EMPTY_INPUT
    assert str(exc) == "E104 f.txt holds no text"
    assert issubclass(ResourceNotFoundError, FileNotFoundError)


def test_a_missing_model_names_its_path_and_the_rebuild_command(tmp_path):
    import pytest

    from thai_extract.errors import require_resource
    from thai_extract.text.spelling.lm import WordLM

    assert require_resource(tmp_path, "folder", "make it") == tmp_path
    with pytest.raises(ResourceNotFoundError, match=r"spelling language model not found: .*nope\.npz; rebuild it with"):
        WordLM.load(tmp_path / "nope.npz")
