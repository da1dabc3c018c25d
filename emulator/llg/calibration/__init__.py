"""Calibration of the Thiele particle model from LLG runs (`skybench calibrate`).

drift.py (G, D, SOT force), interactions.py (pair and edge laws), radius.py (radius against field),
calibrate.py (the calibration.json document), settings.py (what is run and how finely), tracks.py
(skyrmion trajectories from snapshots).
"""
from emulator.llg.calibration.calibrate import calibrate
from emulator.llg.calibration.settings import CalibrationSettings

__all__ = ["CalibrationSettings", "calibrate"]
