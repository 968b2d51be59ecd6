"""The engine-neutral core (internal): what the pandas analyses and the engines share.

- :mod:`.periods`: period ordinals and boundaries, the date-argument parser, ``active_days``;
- :mod:`.ids`: integer coding of customer ids and of ``by`` groups;
- :mod:`.tables`: the final step of each analysis (aggregates -> the tidy table);
- :mod:`.engines`: the one list of engines and the dispatch to an engine by analysis name.

The core imports only ``errors`` and ``stats`` from the rest of the kit (see
docs/ARCHITECTURE.md).
"""
