"""The shipped geography (geo/*.geojson, derived from Natural Earth by geo/build_geo.py)."""

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import shape

from .codebook import COUNTRY_NAME_OVERRIDES, OTHER_COUNTRIES


@dataclass(frozen=True)
class Geography:
    countries: dict
    rivers: dict
    lakes: dict

    def country_names(self, lang: str = "en") -> dict[str, str]:
        """ISO alpha-3 code -> name, for the mapped countries and the others events may name."""
        mapped = {f["properties"]["iso_a3"]: f["properties"][f"name_{lang}"] for f in self.countries["features"]}
        return {**OTHER_COUNTRIES[lang], **mapped, **COUNTRY_NAME_OVERRIDES[lang]}

    def country_shapes(self) -> dict[str, shapely.Geometry]:
        """ISO alpha-3 code -> the mapped country's polygon in lon/lat degrees, prepared for point tests."""
        shapes = {f["properties"]["iso_a3"]: shape(f["geometry"]) for f in self.countries["features"]}
        shapely.prepare(list(shapes.values()))
        return shapes


EARTH_RADIUS_KM = 6371


def great_circle_km(lon1, lat1, lon2, lat2) -> np.ndarray:
    """Haversine distance in km between arrays of lon/lat points (degrees)."""
    lon1, lat1, lon2, lat2 = (np.radians(np.asarray(a, dtype=float)) for a in (lon1, lat1, lon2, lat2))
    h = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(h))


def km_outside_countries(
    shapes: dict[str, shapely.Geometry], countries: Sequence[str], lons: Sequence[float], lats: Sequence[float]
) -> np.ndarray:
    """For each point, how far it lies outside its country's polygon, in km: 0 inside or on the border,
    the great-circle distance to the polygon's nearest point outside, NaN where `shapes` lacks the country.

    One vectorised test per country (prepared polygons); distances only for the points outside.
    """
    codes = np.asarray(countries, dtype=object)
    lons, lats = np.asarray(lons, dtype=float), np.asarray(lats, dtype=float)
    km = np.full(len(codes), np.nan)
    for code in set(codes) & shapes.keys():
        index = np.flatnonzero(codes == code)
        inside = shapely.intersects_xy(shapes[code], lons[index], lats[index])
        km[index[inside]] = 0.0
        outside = index[~inside]
        if outside.size:
            lines = shapely.shortest_line(shapely.points(lons[outside], lats[outside]), shapes[code])
            nearest = shapely.get_coordinates(lines).reshape(-1, 2, 2)[:, 1]
            km[outside] = great_circle_km(lons[outside], lats[outside], nearest[:, 0], nearest[:, 1])
    return km


def load_geography(geo_dir: Path) -> Geography:
    def read(name: str) -> dict:
        return json.loads((geo_dir / name).read_text(encoding="utf-8"))

    return Geography(read("countries.geojson"), read("rivers.geojson"), read("lakes.geojson"))


ROOT = Path(__file__).resolve().parent.parent
BASEMAP = "geo/basemap.json"  # under static/, served at /app/static/
BASEMAP_PATH = ROOT / "static" / BASEMAP


def basemap(geography: Geography) -> dict:
    """The geography the map client draws, as one JSON document it fetches once and the browser caches:
    {"countries" (outlines, names, and the regime shading), "lakes", "rivers"}, each a GeoJSON FeatureCollection with
    the properties the client reads (countries: iso_a3, name_en, name_fr; rivers and lakes: name)."""

    def keep(collection: dict, properties: Sequence[str]) -> dict:
        features = [
            {"type": "Feature", "properties": {k: f["properties"][k] for k in properties}, "geometry": f["geometry"]}
            for f in collection["features"]
        ]
        return {"type": "FeatureCollection", "features": features}

    names = ("iso_a3", "name_en", "name_fr")
    return {
        "countries": keep(geography.countries, names),
        "lakes": keep(geography.lakes, ("name",)),
        "rivers": keep(geography.rivers, ("name",)),
    }


def basemap_text(geography: Geography) -> str:
    """`basemap(geography)` as the compact JSON written to static/geo/basemap.json."""
    return json.dumps(basemap(geography), ensure_ascii=False, separators=(",", ":"))


if __name__ == "__main__":  # python -m sahel_atlas.geography: rewrite static/geo/basemap.json from geo/
    BASEMAP_PATH.parent.mkdir(exist_ok=True)
    BASEMAP_PATH.write_text(basemap_text(load_geography(ROOT / "geo")), encoding="utf-8")
