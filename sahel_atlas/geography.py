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

    def country_names(self) -> dict[str, str]:
        """ISO alpha-3 code -> English name, for the mapped countries and the others events may name."""
        mapped = {f["properties"]["iso_a3"]: f["properties"]["name_en"] for f in self.countries["features"]}
        return {**OTHER_COUNTRIES, **mapped, **COUNTRY_NAME_OVERRIDES}


def load_geography(geo_dir: Path) -> Geography:
    def read(name: str) -> dict:
        return json.loads((geo_dir / name).read_text(encoding="utf-8"))

    return Geography(read("countries.geojson"), read("rivers.geojson"), read("lakes.geojson"))
