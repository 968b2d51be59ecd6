"""Seeded generators of SYNTHETIC data for the notebooks, tests and benchmarks.

Every table made here is invented: the customers, orders, subscriptions, app users, email
campaigns and survey answers do not describe any real business. The generators are
deterministic for a given ``seed`` (same seed -> equal frames), vectorised with numpy (no loop
per row or per customer) and scale with their size arguments.

They are built so that the lessons of the source articles show up plainly:

- :func:`shop_transactions`: an online shop's order log with seasonality (December peak,
  summer dip) and a *Valentine's Day cohort* (customers acquired by a February promotion who buy
  once and leave much faster, article 000's cohort example);
- :func:`saas_subscriptions`: monthly subscriptions with churn by plan and some comebacks;
- :func:`app_events`: a mobile app's event log with *100 users who sign up on a Monday at 23:59
  Moscow time and open the app a minute later* (article 001's calendar-day pitfall);
- :func:`email_campaigns`: per-campaign email counts (OR, CTOR, CTR, UR and monthly reach);
- :func:`nps_survey`: answers to "how likely are you to recommend us" (0-10);
- :func:`large_transactions`: a minimal big log (10 M rows in a few seconds) for benchmarks.

>>> from retention_kit import synthetic
>>> synthetic.nps_survey(n_responses=5, seed=1).shape
(5, 4)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .errors import InvalidParameterError

__all__ = [
    "shop_transactions",
    "saas_subscriptions",
    "app_events",
    "email_campaigns",
    "nps_survey",
    "large_transactions",
]

_DAY_S = 86_400
_US = 1_000_000  # microseconds per second

# Relative demand per calendar month (January..December): December peak, summer dip.
_MONTH_FACTOR = np.array([0.85, 0.95, 1.0, 1.0, 0.95, 0.8, 0.7, 0.75, 0.95, 1.05, 1.3, 1.7])

# Share of orders / sign-ups per hour of the local day (0..23): quiet nights, busy evenings.
_HOUR_WEIGHT = np.array(
    [0.3, 0.2, 0.1, 0.1, 0.1, 0.2, 0.4, 0.8, 1.2, 1.5, 1.6, 1.6,
     1.7, 1.7, 1.6, 1.6, 1.7, 1.9, 2.2, 2.5, 2.6, 2.3, 1.6, 0.8]
)  # fmt: skip

_CHANNELS = np.array(["organic", "paid_search", "email", "social"])
_COUNTRIES = np.array(["Russia", "Kazakhstan", "Belarus", "Uzbekistan", "Armenia", "Georgia"])
_COUNTRY_P = np.array([0.6, 0.12, 0.1, 0.08, 0.05, 0.05])


# --------------------------------------------------------------------------- helpers


def _check_count(name: str, value: int, minimum: int = 0) -> int:
    if isinstance(value, bool) or not float(value).is_integer() or value < minimum:
        raise InvalidParameterError(
            f"{name}={value!r} must be a whole number >= {minimum}, e.g. {name}=1000."
        )
    return int(value)


def _timestamp(name: str, value: str | pd.Timestamp) -> pd.Timestamp:
    try:
        ts = pd.Timestamp(value)
    except (ValueError, TypeError):
        ts = pd.NaT
    if ts is pd.NaT or ts.tzinfo is not None:
        raise InvalidParameterError(
            f"{name}={value!r} is not a date without time zone; use e.g. {name}='2023-01-01'."
        )
    return ts


def _date_range(start, end) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Midnight of `start` and midnight after `end` (the range covers whole days)."""
    t0 = _timestamp("start", start).normalize()
    t1 = _timestamp("end", end).normalize() + pd.Timedelta(days=1)
    if t1 <= t0:
        raise InvalidParameterError(
            f"end={end!r} is before start={start!r}; pass end on or after start."
        )
    return t0, t1


def _ids(prefix: str, n: int, width: int = 5) -> np.ndarray:
    """'C00001', 'C00002', ... (wider when n needs more digits)."""
    width = max(width, len(str(n)))
    return (prefix + pd.Series(np.arange(1, n + 1)).astype(str).str.zfill(width)).to_numpy()


def _seconds_of_day(rng: np.random.Generator, n: int) -> np.ndarray:
    """Seconds after midnight drawn from the hourly profile ``_HOUR_WEIGHT``."""
    hours = rng.choice(24, size=n, p=_HOUR_WEIGHT / _HOUR_WEIGHT.sum())
    return hours * 3600 + rng.integers(0, 3600, size=n)


def _us(ts: pd.Timestamp) -> int:
    """A naive Timestamp as integer microseconds since the epoch."""
    return int(ts.value) // 1000  # .value is always nanoseconds


def _to_datetime(us: np.ndarray) -> np.ndarray:
    return np.asarray(us, dtype="int64").view("datetime64[us]")


def _month_factor_at(us: np.ndarray) -> np.ndarray:
    months = _to_datetime(us).astype("datetime64[M]").astype("int64") % 12
    return _MONTH_FACTOR[months]


def _add_months(days: np.ndarray, months: np.ndarray) -> np.ndarray:
    """datetime64[D] + whole months (day clipped to the month's length, as billing does)."""
    first = days.astype("datetime64[M]")
    offset = (days - first.astype("datetime64[D]")).astype("int64")
    target = first + months.astype("int64")
    length = ((target + 1).astype("datetime64[D]") - target.astype("datetime64[D]")).astype("int64")
    return target.astype("datetime64[D]") + np.minimum(offset, length - 1)


# --------------------------------------------------------------------------- shop


def shop_transactions(
    n_customers: int = 3000,
    start: str | pd.Timestamp = "2023-01-01",
    end: str | pd.Timestamp = "2024-12-31",
    seed: int = 42,
) -> pd.DataFrame:
    """SYNTHETIC order log of an online shop, one row per order.

    Customers are acquired all through ``[start, end]`` (more in November-December, fewer in
    summer) and then, if they are repeat buyers, order at their own rate until they lapse, with
    the same seasonality. About 10 % of the customers (300 of 3000) arrive through a Valentine's
    Day promotion (1-14 February of each year in the range, ``campaign="valentines_day"``): they
    buy a gift once and almost never come back, so their repeat rate is far below the others'
    (article 000's cohort example). All other rows have ``campaign=""``.

    Parameters: ``n_customers`` customers in total, ``start``/``end`` the first and last day
    (inclusive), ``seed`` the random seed.

    Returns columns ``order_id`` (str, "O000001"... in time order), ``customer_id`` (str,
    "C00001"... in order of first purchase), ``order_time`` (datetime64, to the second),
    ``amount`` (float, 2 decimals), ``channel`` (acquisition channel: organic, paid_search, email,
    social), ``campaign`` ("" or "valentines_day"), ``country``; sorted by ``order_time``.

    >>> df = shop_transactions(n_customers=200, seed=1)
    >>> df.customer_id.nunique(), sorted(df.campaign.unique())
    (200, ['', 'valentines_day'])
    """
    n = _check_count("n_customers", n_customers, 1)
    t0, t1 = _date_range(start, end)
    rng = np.random.default_rng(seed)
    t0_us, t1_us = _us(t0), _us(t1)

    # --- Valentine's cohort: 1-14 February of every year whose promotion falls in the range
    feb = [
        pd.Timestamp(year=y, month=2, day=1) for y in range(t0.year, t1.year + 1)
    ]  # candidate promotions
    feb = [f for f in feb if f >= t0 and f + pd.Timedelta(days=14) <= t1]
    n_val = int(round(n * 0.1)) if feb else 0
    n_reg = n - n_val

    # --- acquisition day of the regular customers: weighted by the monthly seasonality
    day_us = np.arange(t0_us, t1_us, _DAY_S * _US, dtype="int64")
    weight = _month_factor_at(day_us)
    reg_day = day_us[rng.choice(len(day_us), size=n_reg, p=weight / weight.sum())]
    # Valentine's customers: a promotion year, then a day 1..14 with more sign-ups near the 14th
    feb_us = np.array([_us(f) for f in feb], dtype="int64")
    val_year = rng.integers(0, max(len(feb_us), 1), size=n_val)
    val_dom = np.floor(rng.triangular(0, 14, 14, size=n_val)).astype("int64")
    val_day = (feb_us[val_year] if n_val else np.zeros(0, "int64")) + val_dom * _DAY_S * _US

    is_val = np.r_[np.zeros(n_reg, bool), np.ones(n_val, bool)]
    acq = np.r_[reg_day, val_day] + _seconds_of_day(rng, n) * _US
    channel = np.where(
        is_val,
        rng.choice(_CHANNELS, size=n, p=[0.0, 0.35, 0.2, 0.45]),
        rng.choice(_CHANNELS, size=n, p=[0.4, 0.25, 0.15, 0.2]),
    )
    country = rng.choice(_COUNTRIES, size=n, p=_COUNTRY_P)

    # --- repeat behaviour: one-time buyers, or repeat buyers with a lifetime and an order rate
    one_timer = rng.random(n) < np.where(is_val, 0.9, 0.45)
    lifetime_days = rng.exponential(np.where(is_val, 45.0, 420.0))
    rate_per_day = rng.gamma(2.0, np.where(is_val, 1 / 80, 1 / 100))  # mean 1/40, 1/50 days
    active_until = np.minimum(acq + (lifetime_days * _DAY_S * _US).astype("int64"), t1_us - 1)
    duration_us = np.where(one_timer, 0, np.maximum(active_until - acq, 0))
    # Poisson process thinned by the monthly seasonality
    fmax = _MONTH_FACTOR.max()
    n_cand = rng.poisson(rate_per_day * duration_us / (_DAY_S * _US) * fmax)
    owner = np.repeat(np.arange(n), n_cand)
    cand = acq[owner] + (rng.random(owner.size) * duration_us[owner]).astype("int64")
    keep = rng.random(owner.size) < _month_factor_at(cand) / fmax
    owner, cand = owner[keep], cand[keep]
    cand = cand // (_DAY_S * _US) * (_DAY_S * _US) + _seconds_of_day(rng, cand.size) * _US
    cand = np.clip(cand, acq[owner] + 60 * _US, t1_us - _US)  # after the first order, in range

    who = np.r_[np.arange(n), owner]
    when = np.r_[acq, cand] // _US * _US  # to the second
    first = np.r_[np.ones(n, bool), np.zeros(owner.size, bool)]
    # order values: log-normal, gifts a bit dearer, December baskets bigger
    mu = np.where(first & is_val[who], 4.1, 3.75)
    amount = rng.lognormal(mu, np.where(first & is_val[who], 0.35, 0.6))
    december = _to_datetime(when).astype("datetime64[M]").astype("int64") % 12 == 11
    amount *= np.where(december, 1.2, 1.0)
    amount = np.round(np.maximum(amount, 1.0), 2)

    # customer ids in order of first purchase, orders sorted by time
    rank = np.empty(n, dtype="int64")
    rank[np.argsort(acq, kind="stable")] = np.arange(n)
    order = np.lexsort((rank[who], when))
    who = who[order]
    cust = _ids("C", n)
    return pd.DataFrame(
        {
            "order_id": _ids("O", who.size, 6),
            "customer_id": cust[rank[who]],
            "order_time": _to_datetime(when[order]),
            "amount": amount[order],
            "channel": channel[who],
            "campaign": np.where(is_val[who], "valentines_day", ""),
            "country": country[who],
        }
    ).astype({"order_id": "str", "customer_id": "str", "channel": "str", "campaign": "str",
              "country": "str"})  # fmt: skip


# --------------------------------------------------------------------------- SaaS

_PLANS = np.array(["basic", "pro", "team"])
_PLAN_P = np.array([0.55, 0.32, 0.13])
_PLAN_PRICE = np.array([15.0, 39.0, 99.0])
_PLAN_CHURN = np.array([0.06, 0.035, 0.015])  # monthly


def saas_subscriptions(
    n_customers: int = 1500,
    start: str | pd.Timestamp = "2023-01-01",
    end: str | pd.Timestamp = "2024-12-31",
    seed: int = 42,
) -> pd.DataFrame:
    """SYNTHETIC subscriptions of a SaaS product, one row per subscription.

    Customers sign up all through ``[start, end]`` (a growing business: more sign-ups later),
    on plan basic (monthly churn about 6 %), pro (3.5 %) or team (1.5 %). A subscription lasts a
    whole number of monthly billing cycles; about a quarter of those who cancel come back a few
    months later with a new subscription (same plan mostly).

    A customer is active at instant t when ``start_date <= t < end_date``; ``end_date`` is NaT
    for subscriptions still active after ``end``.

    Returns columns ``subscription_id`` (str, "S000001"... by start date), ``customer_id`` (str),
    ``plan`` (str), ``start_date``, ``end_date`` (datetime64, dates at midnight, NaT = active),
    ``monthly_price`` (float).

    >>> df = saas_subscriptions(n_customers=100, seed=1)
    >>> bool((df.end_date.dropna() > df.start_date[df.end_date.notna()]).all())
    True
    """
    n = _check_count("n_customers", n_customers, 1)
    t0, t1 = _date_range(start, end)
    rng = np.random.default_rng(seed)
    n_days = (t1 - t0).days
    d0 = np.datetime64(t0.date(), "D")
    d1 = np.datetime64(t1.date(), "D")

    # sign-up day: density growing linearly (1 at start, 3 at the end)
    u = rng.random(n)
    signup = (n_days * (np.sqrt(1 + 8 * u) - 1) / 4).astype("int64")  # inverse CDF of 1 + 2x
    cust = np.arange(n)
    plan = rng.choice(3, size=n, p=_PLAN_P)
    begin = d0 + signup

    rows_c, rows_p, rows_s, rows_e = [], [], [], []
    for _round in range(3):  # first subscription, then up to two comebacks
        if cust.size == 0:
            break
        months = rng.geometric(_PLAN_CHURN[plan])
        finish = _add_months(begin, months)
        rows_c.append(cust)
        rows_p.append(plan)
        rows_s.append(begin)
        rows_e.append(finish)
        # who comes back: ended inside the range, 25 % chance, after a gap of 1-12 months
        back = (finish < d1) & (rng.random(cust.size) < 0.25)
        gap_days = 30 * rng.geometric(0.3, size=cust.size) + rng.integers(0, 30, size=cust.size)
        new_begin = finish + gap_days
        back &= new_begin < d1
        switch = rng.random(cust.size) < 0.3
        new_plan = np.where(switch, rng.choice(3, size=cust.size, p=_PLAN_P), plan)
        cust, plan, begin = cust[back], new_plan[back], new_begin[back]

    c = np.concatenate(rows_c)
    p = np.concatenate(rows_p)
    s = np.concatenate(rows_s)
    e = np.concatenate(rows_e)
    order = np.lexsort((c, s))
    c, p, s, e = c[order], p[order], s[order], e[order]
    # customer ids in order of first sign-up
    first = np.full(n, np.iinfo("int64").max)
    np.minimum.at(first, c, np.arange(c.size))
    rank = np.empty(n, dtype="int64")
    rank[np.argsort(first, kind="stable")] = np.arange(n)
    end_dt = pd.Series(e.astype("datetime64[us]"))
    end_dt = end_dt.where(end_dt < pd.Timestamp(t1))  # still active at the end -> NaT
    return pd.DataFrame(
        {
            "subscription_id": _ids("S", c.size, 6),
            "customer_id": _ids("C", n)[rank[c]],
            "plan": _PLANS[p],
            "start_date": s.astype("datetime64[us]"),
            "end_date": end_dt.to_numpy(),
            "monthly_price": _PLAN_PRICE[p],
        }
    ).astype({"subscription_id": "str", "customer_id": "str", "plan": "str"})


# --------------------------------------------------------------------------- app events


def app_events(
    n_users: int = 2000,
    start: str | pd.Timestamp = "2024-03-01",
    days: int = 60,
    seed: int = 42,
    midnight_block: int = 100,
) -> pd.DataFrame:
    """SYNTHETIC event log of a mobile app, one row per event, times in UTC.

    Each user has a ``signup`` event, a few ``open`` events on the sign-up day, and then on day
    d = 1, 2, ... (24-hour windows from the sign-up) is active with a probability decaying like
    d^-0.6 (times a per-user engagement), with one or more ``open`` events and sometimes a
    ``purchase``. The users' local time is Europe/Moscow (UTC+3).

    The pitfall of article 001 is built in: ``midnight_block`` users (100; part of ``n_users``)
    sign up on the first Monday at least a week after ``start`` at 23:59 Moscow time and open the
    app again one to three minutes later, i.e. on the next *calendar* day. Counted by calendar
    days they are all "day 1" retained; counted in 24-hour windows they are not. No other user
    signs up in a 23:59 minute.

    Returns columns ``user_id`` (str), ``event_time`` (datetime64[us, UTC]), ``event`` (signup,
    open, purchase), ``signup_time`` (datetime64[us, UTC]); events after ``start + days`` are
    cut off; sorted by ``event_time``.

    >>> df = app_events(n_users=300, days=20, seed=1)
    >>> str(df.event_time.dt.tz), int((df.event == "signup").sum())
    ('UTC', 300)
    """
    n = _check_count("n_users", n_users, 1)
    n_days = _check_count("days", days, 1)
    block = min(_check_count("midnight_block", midnight_block), n)
    t0 = _timestamp("start", start).normalize()
    rng = np.random.default_rng(seed)
    msk = 3 * 3600 * _US  # Moscow is UTC+3 all year
    day_us = _DAY_S * _US
    # the window, in *local* midnights, converted to UTC microseconds
    w0 = _us(t0) - msk
    w1 = w0 + n_days * day_us

    # normal users: sign-up day uniform, local time of day 07:00-23:58 by the hourly profile
    n_norm = n - block
    hw = _HOUR_WEIGHT.copy()
    hw[:7] = 0
    hours = rng.choice(24, size=n_norm, p=hw / hw.sum())
    minutes = np.where(hours == 23, rng.integers(0, 59, n_norm), rng.integers(0, 60, n_norm))
    tod = (hours * 3600 + minutes * 60 + rng.integers(0, 60, n_norm)) * _US
    signup_norm = w0 + rng.integers(0, n_days, n_norm) * day_us + tod
    # the midnight block: first Monday >= start + 7 days, 23:59:00-23:59:59 local
    monday = t0 + pd.Timedelta(days=7 + (-t0.day_of_week) % 7)
    m_local = _us(monday) - msk  # local Monday 00:00 in UTC
    signup_block = m_local + (23 * 3600 + 59 * 60) * _US + rng.integers(0, 60, block) * _US
    signup = np.r_[signup_norm, signup_block]
    is_block = np.r_[np.zeros(n_norm, bool), np.ones(block, bool)]

    engagement = rng.beta(1.2, 2.2, size=n)  # mean ~0.35
    # day 0: signup + 0..2 extra opens in the first hours (block: exactly one open 1-3 min later)
    n0 = np.where(is_block, 1, rng.poisson(0.8, n))
    u0 = np.repeat(np.arange(n), n0)
    off0 = np.where(
        is_block[u0],
        rng.integers(60, 181, u0.size) * _US,
        (rng.random(u0.size) * 4 * 3600 * _US).astype("int64"),
    )
    # days 1..n_days-1: active with probability engagement * d^-0.6
    d = np.arange(1, n_days)
    active = rng.random((n, d.size)) < engagement[:, None] * d[None, :] ** -0.6
    ua, da = np.nonzero(active)
    k = 1 + rng.poisson(0.6, ua.size)  # opens that day
    u1 = np.repeat(ua, k)
    off1 = np.repeat(d[da], k) * day_us + (rng.random(u1.size) * day_us).astype("int64")
    opens_u = np.r_[u0, u1]
    opens_t = signup[opens_u] + np.r_[off0, off1]
    purchase = rng.random(opens_u.size) < 0.04
    purchase[: u0.size] &= ~is_block[u0]  # the block's one open stays an "open"

    user = np.r_[np.arange(n), opens_u]
    time = np.r_[signup, opens_t] // _US * _US
    event = np.r_[np.full(n, "signup"), np.where(purchase, "purchase", "open")]
    keep = time < w1
    user, time, event = user[keep], time[keep], event[keep]

    # user ids in order of sign-up; events sorted by time (signup first on ties)
    rank = np.empty(n, dtype="int64")
    rank[np.argsort(signup, kind="stable")] = np.arange(n)
    order = np.lexsort((event != "signup", rank[user], time))
    user = user[order]
    return pd.DataFrame(
        {
            "user_id": _ids("U", n)[rank[user]],
            "event_time": pd.Series(_to_datetime(time[order])).dt.tz_localize("UTC"),
            "event": event[order],
            "signup_time": pd.Series(_to_datetime(signup[user] // _US * _US)).dt.tz_localize("UTC"),
        }
    ).astype({"user_id": "str", "event": "str"})


# --------------------------------------------------------------------------- email


def email_campaigns(
    n_campaigns: int = 24, seed: int = 42, start: str | pd.Timestamp = "2024-01-01"
) -> pd.DataFrame:
    """SYNTHETIC results of email campaigns, one row per campaign (two sends a month).

    Counts are consistent: ``delivered <= base_size``, ``opened <= delivered``,
    ``clicked <= opened`` (unique clickers), ``clicks >= clicked`` (total clicks),
    ``unsubscribed <= delivered``, and ``month_openers`` (unique people who opened at least
    one email that month, the same value on each of the month's rows) lies between the month's
    largest ``opened`` and the sum of its ``opened`` (and under the base). Some months reach
    the same loyal openers twice, others reach different people: the same open rate can mean
    very different monthly reach (article 000, Travelpayouts part).

    Returns columns ``campaign`` (str), ``send_date`` (datetime64), ``base_size``,
    ``delivered``, ``opened``, ``clicked``, ``clicks``, ``unsubscribed``, ``month_openers``
    (int64).

    >>> df = email_campaigns(n_campaigns=4, seed=1)
    >>> bool((df.opened <= df.delivered).all() and (df.clicked <= df.opened).all())
    True
    """
    n = _check_count("n_campaigns", n_campaigns, 1)
    t0 = _timestamp("start", start).normalize().replace(day=1)
    rng = np.random.default_rng(seed)
    month = np.arange(n) // 2
    second = np.arange(n) % 2 == 1
    m0 = np.datetime64(t0.date(), "M")
    month_start = (m0 + month).astype("datetime64[D]")
    send = month_start + np.where(second, rng.integers(15, 25, n), rng.integers(2, 10, n))
    # the base grows ~2 % a month
    base = (rng.integers(18_000, 22_000) * 1.02 ** (np.arange(n) / 2)).astype("int64")
    base = base + rng.integers(-200, 200, n)
    delivered = base - rng.binomial(base, rng.uniform(0.01, 0.04, n))
    opened = rng.binomial(delivered, rng.uniform(0.12, 0.3, n))
    clicked = rng.binomial(opened, rng.uniform(0.08, 0.22, n))
    clicks = clicked + rng.poisson(clicked * rng.uniform(0.2, 0.8, n))
    unsubscribed = rng.binomial(delivered, rng.uniform(0.001, 0.006, n))

    frame = pd.DataFrame({"month": month, "opened": opened, "base": base})
    g = frame.groupby("month")
    low = g["opened"].transform("max").to_numpy()
    high = np.minimum(g["opened"].transform("sum"), g["base"].transform("min")).to_numpy()
    overlap = rng.uniform(0.0, 1.0, month.max() + 1)[month]  # same draw for a month's rows
    month_openers = (low + np.round((high - low) * (1 - overlap))).astype("int64")

    themes = np.array(
        ["winter_sale", "new_arrivals", "spring_sale", "tips", "new_arrivals", "summer_sale",
         "summer_sale", "back_to_school", "new_arrivals", "loyalty", "black_friday", "new_year"]
    )  # fmt: skip
    month_of_year = (m0 + month).astype("int64") % 12
    first_theme = np.where(month_of_year == 1, "valentines_day", "newsletter")
    theme = np.where(second, themes[month_of_year], first_theme)
    label = pd.Series((m0 + month).astype(str)).to_numpy() + np.where(second, "b_", "a_")
    return pd.DataFrame(
        {
            "campaign": label + theme,
            "send_date": send.astype("datetime64[us]"),
            "base_size": base,
            "delivered": delivered,
            "opened": opened,
            "clicked": clicked,
            "clicks": clicks,
            "unsubscribed": unsubscribed,
            "month_openers": month_openers,
        }
    ).astype({"campaign": "str"})


# --------------------------------------------------------------------------- NPS

_SEGMENTS = np.array(["new", "repeat", "loyal"])
_SEGMENT_P = np.array([0.45, 0.35, 0.2])
# P(score = 0..10) per segment: new customers lukewarm, loyal ones enthusiastic
_SCORE_P = np.array(
    [
        [0.03, 0.02, 0.03, 0.04, 0.05, 0.08, 0.1, 0.17, 0.2, 0.14, 0.14],
        [0.02, 0.01, 0.02, 0.03, 0.04, 0.06, 0.07, 0.15, 0.2, 0.18, 0.22],
        [0.01, 0.0, 0.01, 0.01, 0.02, 0.03, 0.04, 0.1, 0.17, 0.24, 0.37],
    ]
)


def nps_survey(
    n_responses: int = 500, seed: int = 42, start: str | pd.Timestamp = "2024-01-01"
) -> pd.DataFrame:
    """SYNTHETIC answers to "How likely are you to recommend us?" (0-10), one row per answer.

    Three segments with different score distributions: ``new`` customers are lukewarm,
    ``repeat`` ones warmer, ``loyal`` ones mostly promoters (9-10). Answers spread over the
    year from ``start``.

    Returns columns ``respondent_id`` (str), ``date`` (datetime64, a day), ``score`` (int64,
    0-10), ``segment`` (str).

    >>> df = nps_survey(n_responses=50, seed=1)
    >>> bool(df.score.between(0, 10).all())
    True
    """
    n = _check_count("n_responses", n_responses, 1)
    t0 = _timestamp("start", start).normalize()
    rng = np.random.default_rng(seed)
    seg = rng.choice(3, size=n, p=_SEGMENT_P)
    # inverse-CDF sampling of the score, per segment, vectorised
    cdf = np.cumsum(_SCORE_P, axis=1)
    cdf[:, -1] = 1.0
    score = (rng.random(n)[:, None] >= cdf[seg]).sum(axis=1).astype("int64")
    day = np.sort(rng.integers(0, 365, n))
    date = np.datetime64(t0.date(), "D") + day
    return pd.DataFrame(
        {
            "respondent_id": _ids("R", n),
            "date": date.astype("datetime64[us]"),
            "score": score,
            "segment": _SEGMENTS[seg],
        }
    ).astype({"respondent_id": "str", "segment": "str"})


# --------------------------------------------------------------------------- large


def large_transactions(
    n_rows: int = 1_000_000,
    n_customers: int = 100_000,
    start: str | pd.Timestamp = "2023-01-01",
    end: str | pd.Timestamp = "2024-12-31",
    seed: int = 42,
) -> pd.DataFrame:
    """SYNTHETIC minimal transaction log for benchmarks: ``customer_id``, ``time``, ``amount``.

    Each customer gets an acquisition instant uniform in ``[start, end]``; each row picks a
    customer at random and a time uniform between that customer's acquisition and the end, so
    cohorts and retention curves have a realistic shape. Rows are *not* sorted. 10 M rows take a
    few seconds; peak memory stays under about twice the result's size.

    Returns columns ``customer_id`` (int64, 1..n_customers), ``time`` (datetime64[us]),
    ``amount`` (float64, 2 decimals).

    >>> df = large_transactions(n_rows=1000, n_customers=50, seed=1)
    >>> df.dtypes.astype(str).tolist()
    ['int64', 'datetime64[us]', 'float64']
    """
    rows = _check_count("n_rows", n_rows, 0)
    nc = _check_count("n_customers", n_customers, 1)
    t0, t1 = _date_range(start, end)
    rng = np.random.default_rng(seed)
    t0_us, t1_us = _us(t0), _us(t1)
    acq = rng.integers(t0_us, t1_us, size=nc, dtype="int64")

    customer = rng.integers(0, nc, size=rows, dtype="int64")
    # time = acq + u * (end - acq), computed in place in a float64 buffer reused for amount
    buf = rng.random(rows)
    span = (t1_us - acq).astype("float64")
    buf *= span[customer]
    time = acq[customer]
    time += buf.astype("int64")
    time //= _US
    time *= _US  # to the second
    customer += 1
    rng.standard_normal(size=rows, out=buf)  # amount = exp(3.7 + 0.7 z), log-normal, in place
    buf *= 0.7
    buf += 3.7
    np.exp(buf, out=buf)
    np.round(buf, 2, out=buf)
    return pd.DataFrame(
        {"customer_id": customer, "time": time.view("datetime64[us]"), "amount": buf},
        copy=False,
    )
