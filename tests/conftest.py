import shutil
from pathlib import Path

import pytest
import streamlit as st

from sahel_atlas.geography import load_geography
from sahel_atlas.loading import load_dataset

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def clear_streamlit_cache():
    """Streamlit's caches are shared by every AppTest in the process: start each test cold."""
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture(scope="session")
def geography():
    return load_geography(ROOT / "geo")


@pytest.fixture(scope="session")
def known_countries(geography):
    return set(geography.country_names())


@pytest.fixture
def fixture_dataset(known_countries):
    return load_dataset(FIXTURES, known_countries)


@pytest.fixture
def data_copy(tmp_path):
    """A writable copy of the fixture data directory."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES, target)
    return target
