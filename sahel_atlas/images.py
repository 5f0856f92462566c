"""Charts as images (PNG and SVG), as OWID's downloads are: the chart with its title above and, under it, the
selection, the source and the dataset version. Rendered by Plotly's static export (kaleido, which drives the
system's Chromium), offline; one export at a time, in one browser kept for the process.

Raises ImageUnavailable when no browser can be started (no Chromium installed): the page says so.
"""

import os
import shutil
import threading
import warnings

import kaleido
import plotly.graph_objects as go

from .escape import plotly_text

WIDTH = 1200  # px of the exported image; PNG at twice that for sharp print
FOOTER_PX = 110  # room under the plot for the selection and source lines
_lock = threading.Lock()
_started = False


def images_available() -> bool:
    """Whether a browser for the export is installed (Chromium or Chrome, or BROWSER_PATH)."""
    names = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
    return bool(os.environ.get("BROWSER_PATH") or any(shutil.which(name) for name in names))


class ImageUnavailable(RuntimeError):
    """The image could not be made (no browser for Plotly's static export)."""


def captioned(figure: go.Figure, title: str, lines: list[str]) -> go.Figure:
    """A copy of `figure` with `title` above the plot and `lines` (the selection, the source) at the foot of the image,
    under the legend, sized for export on a white background; texts from the data are escaped for Plotly's label
    markup."""
    framed = go.Figure(figure)
    height = (framed.layout.height or 400) + FOOTER_PX + 70
    framed.update_layout(
        template="plotly_white",
        title={"text": plotly_text(title), "x": 0.01, "xanchor": "left", "font": {"size": 20}},
        width=WIDTH,
        height=height,
        margin={"l": 60, "r": 30, "t": 70, "b": FOOTER_PX + 60},  # the legend, then the caption
    )
    framed.add_annotation(
        text="<br>".join(plotly_text(line) for line in lines),
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-(FOOTER_PX + 60) + 12,  # from the plot's foot down to 12 px above the image's
        xanchor="left",
        yanchor="bottom",
        align="left",
        showarrow=False,
        font={"size": 12, "color": "#555555"},
    )
    return framed


def chart_image(figure: go.Figure, title: str, lines: list[str], image_format: str) -> bytes:
    """`figure` captioned (see `captioned`) as "png" or "svg" bytes. Raises ImageUnavailable without a browser."""
    global _started
    framed = captioned(figure, title, lines)
    with _lock:
        try:
            if not _started:
                kaleido.start_sync_server(silence_warnings=True)
                _started = True
            with warnings.catch_warnings():  # plotly passes options that the kept browser does not need
                warnings.filterwarnings("ignore", "The kopts argument is ignored", UserWarning)
                return framed.to_image(format=image_format, scale=2 if image_format == "png" else 1)
        except Exception as error:  # kaleido and choreographer raise their own kinds when no browser starts
            raise ImageUnavailable(str(error)) from error
