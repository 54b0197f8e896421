"""What the library writes: the HXL-tagged CSV, the monthly CSV, atomically.

:mod:`.hxl` (the figures as an HXL-tagged CSV for HDX), :mod:`.monthly_csv` (the monthly
table as CSV), :mod:`.atomic` (write a file whole or not at all, never overwriting without
being told).
"""
