"""Scalar metrics: formulas on counts and amounts you already have (no event log needed).

- :mod:`.crr`: customer retention rate CRR = (E - N) / S, retained and end customers;
- :mod:`.churn`: churn rate L / S;
- :mod:`.ltv`: lifetime value and lifetime from churn;
- :mod:`.nps`: Net Promoter Score from 0-10 answers;
- :mod:`.email`: open, click-to-open, click-through and unsubscribe rates, monthly reach;
- :mod:`.repeat`: the repeat purchase rate.

Each works on numbers, numpy arrays and pandas Series. Use them as ``rk.crr(...)`` or
``from retention_kit.metrics.crr import crr``. This package re-exports nothing, so a submodule
and the function named after it never shadow each other.
"""
