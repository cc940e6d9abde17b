"""The pydantic types every data file's schema shares: the reference, guides' front matter, the get-help boxes and the
medicines to check (each pattern has its words for writers in schema_errors)."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints


class Strict(BaseModel):
    """Refuse unknown fields, so a typo in a data file is never ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


Text = Annotated[str, Field(min_length=1)]
# Text of a data file readers see as written, where leading and trailing spaces mean nothing.
TrimmedText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]  # ids and slugs: ods-magnesium
Url = Annotated[str, Field(pattern=r"^https?://\S+$")]
