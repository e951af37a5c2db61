"""Place gazetteer built from `underthesea.address` (63 old and 34 new provinces).

Loaded lazily and once: nothing happens at import time.
"""

from __future__ import annotations

import json
import unicodedata
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path


def strip_diacritics(text: str) -> str:
    """`Kiên Giang` -> `Kien Giang` (đ/Đ -> d/D)."""
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", bare.replace("đ", "d").replace("Đ", "D"))


def _underthesea_dir() -> Path:
    """underthesea's package folder, found without importing it (its import is slow)."""
    spec = find_spec("underthesea")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("underthesea is not installed")
    return Path(list(spec.submodule_search_locations)[0])


@lru_cache(maxsize=1)
def address_data() -> dict:
    path = _underthesea_dir() / "address" / "data" / "mapping.json"
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def word_dictionary() -> frozenset[str]:
    """Vietnamese words of several syllables (underthesea's Viet74K list), lower case."""
    path = _underthesea_dir() / "corpus" / "data" / "Viet74K.txt"
    words = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in words if " " in w.strip())


# Province short names too ambiguous to tag without a unit word before them.
_AMBIGUOUS = frozenset({"Hồ Chí Minh", "Huế"})


@lru_cache(maxsize=1)
def province_names() -> tuple[str, ...]:
    """Short names of the provinces before and after 1 July 2025, with and without diacritics."""
    data = address_data()
    names: set[str] = set()
    for table in ("province_names", "old_province_names"):
        for entry in data[table].values():
            short = entry["short"]
            if short in _AMBIGUOUS:
                continue
            names.add(short)
            names.add(strip_diacritics(short))
            names.add(short.upper())
    return tuple(sorted(names, key=len, reverse=True))


_UNIT_PREFIX = ("Thành phố ", "Tỉnh ", "Quận ", "Huyện ", "Thị xã ", "Xã ", "Phường ", "Thị trấn ", "Đặc khu ")


def _short(name: str) -> str:
    for prefix in _UNIT_PREFIX:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


@lru_cache(maxsize=1)
def local_place_names() -> frozenset[str]:
    """Short names of districts and wards, old and new (`Lâm Hà`, `Phan Thiết`), to tell places from people."""
    names: set[str] = set()
    for row in address_data()["ward_mapping"]:
        for key in ("old_district", "old_ward", "new_ward"):
            if row.get(key):
                names.add(_short(row[key]))
    return frozenset(n for n in names if " " in n)
