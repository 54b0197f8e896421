"""What the library writes: the HXL-tagged CSV, the monthly CSV.

:mod:`.hxl` (the figures as an HXL-tagged CSV for HDX), :mod:`.monthly_csv` (the monthly
table as CSV); both write through :mod:`idlibstats.io.atomic` (a file whole or not at all,
never overwriting without being told).
"""
