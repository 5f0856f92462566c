"""Sahel Atlas: a curated, sourced record of the international military presence in the Sahel and the
Gulf of Guinea, 2013-2025, and the pure functions that load, filter, map, chart and export it.
Only `sahel_atlas.ui` imports Streamlit."""
