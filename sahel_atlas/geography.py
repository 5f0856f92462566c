"""The shipped geography (geo/*.geojson, derived from Natural Earth by geo/build_geo.py)."""

import json
from dataclasses import dataclass
from pathlib import Path

from .codebook import COUNTRY_NAME_OVERRIDES, OTHER_COUNTRIES


@dataclass(frozen=True)
class Geography:
    countries: dict
    rivers: dict
    lakes: dict
    coarse_countries: dict  # simplified hard, for the regime shading redrawn at each playback step

    def country_names(self, lang: str = "en") -> dict[str, str]:
        """ISO alpha-3 code -> name, for the mapped countries and the others events may name."""
        mapped = {f["properties"]["iso_a3"]: f["properties"][f"name_{lang}"] for f in self.countries["features"]}
        return {**OTHER_COUNTRIES[lang], **mapped, **COUNTRY_NAME_OVERRIDES[lang]}


def load_geography(geo_dir: Path) -> Geography:
    def read(name: str) -> dict:
        return json.loads((geo_dir / name).read_text(encoding="utf-8"))

    return Geography(
        read("countries.geojson"), read("rivers.geojson"), read("lakes.geojson"), read("countries_coarse.geojson")
    )
