-- A dict of NumPy object arrays registered from now on is typed from every row, not a sample of 1,000:
-- a large amount after the sample overflowed the type the sample suggested (warehouse/columns.py).
set pandas_analyze_sample = 2147483647;
