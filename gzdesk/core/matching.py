"""Natural keys: how a row without a record id is recognised as a record we already have.

A project is its normalised name plus its district: full-width and half-width forms, blanks, brackets and
punctuation do not count ("芯片项目（一期）" = "芯片项目 (一期)"), but every letter and digit does, so
(一期) and (二期) stay different projects. The enterprise only breaks ties (EXCHANGE.md "Match").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from gzdesk.core.schema import Entity

_NOT_LETTER_OR_DIGIT = re.compile(r"[\W_]+")


def normalise_name(name: str) -> str:
    """NFKC, lower case, letters and digits only (any script)."""
    return _NOT_LETTER_OR_DIGIT.sub("", unicodedata.normalize("NFKC", name).lower())


def natural_key(entity: Entity, values: Mapping[str, object]) -> str | None:
    """``"<normalised name>|<district code>"`` for a project list; None for other entities or without a name."""
    if not entity.is_project_list:
        return None
    name = values.get("name")
    if not isinstance(name, str) or not normalise_name(name):
        return None
    return f"{normalise_name(name)}|{values.get('district') or ''}"
