"""The five figures: marker -> (drawing function, the data it draws). Each function draws
(data, language) with matplotlib into a cleaned SVG element; see ``chartstyle`` for what they share.

- ``chartlines``: pay since 2010 and the size of the SES (charts over years)
- ``chartsteps``: the steps of the hiring process and its timeline
- ``chartecqs``: the ECQs of 2006 and 2025 side by side
"""

from __future__ import annotations

from .chartecqs import draw_ecqs
from .chartlines import draw_pay, draw_ses_size
from .chartsteps import draw_process, draw_timeline
from .chartstyle import Drawn, number

__all__ = ["FIGURES", "Drawn", "number"]

FIGURES = {
    "figure-pay": (draw_pay, "data/pay.yml"),
    "figure-ses-size": (draw_ses_size, "data/ses-size.yml"),
    "figure-process": (draw_process, "data/process.yml"),
    "figure-timeline": (draw_timeline, "data/process.yml"),
    "figure-ecqs": (draw_ecqs, "data/qualifications.yml"),
}
