import codecs

import pytest

from thai_extract.errors import ErrorCode, InputError
from thai_extract.io.encoding import decode_bytes

THAI = "ความร่วมมือระหว่างไทยกับมาเลเซีย 2568"


@pytest.mark.parametrize(
    "data",
    [
        THAI.encode("utf-8"),
        codecs.BOM_UTF8 + THAI.encode("utf-8"),
        THAI.encode("utf-16"),  # with BOM
        codecs.BOM_UTF16_BE + THAI.encode("utf-16-be"),
        THAI.encode("tis-620"),
        THAI.encode("cp874"),
    ],
    ids=["utf8", "utf8-bom", "utf16-le-bom", "utf16-be-bom", "tis620", "cp874"],
)
def test_common_thai_encodings_are_detected(data):
    assert decode_bytes(data, "f.txt") == THAI


def test_binary_data_is_refused_as_binary():
    with pytest.raises(InputError) as info:
        decode_bytes(bytes(range(256)), "f.bin")
    assert info.value.code == ErrorCode.BINARY_FILE


def test_utf8_with_a_broken_byte_is_refused_not_read_as_tis620():
    data = THAI.encode("utf-8")
    with pytest.raises(InputError) as info:
        decode_bytes(data[:9] + b"\xff" + data[9:], "f.txt")  # after 3 Thai characters
    assert info.value.code == ErrorCode.UNKNOWN_ENCODING
    assert "byte 9" in str(info.value)


def test_a_forced_encoding_is_used_strictly():
    assert decode_bytes(THAI.encode("cp874"), "f.txt", encoding="cp874") == THAI
    with pytest.raises(InputError, match="not valid utf-8"):
        decode_bytes(THAI.encode("cp874"), "f.txt", encoding="utf-8")
