"""The Russian versions of the kit's own messages that the notebooks show (errors, warnings).

Pure data, read by :mod:`retention_kit.i18n` when it loads: each key is the English template
that the raising module formats with :func:`retention_kit.i18n.text`, so the English message is
exactly the key and tests that match English messages are unaffected. Add a message here when a
notebook shows it (the Russian notebooks' outputs are checked to be mostly Cyrillic).
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # cli.py: the crr command's last line
    "churn = 1 - CRR = {churn}": "отток = 1 - CRR = {churn}",
    # loading.py: where a row is
    "line {line:d} of {name!r}": "строка {line:d} файла {name!r}",
    "row {line:d} of {name!r}": "строка {line:d} файла {name!r}",
    "row {label}": "строка {label}",
    # loading.py: rows without a customer
    "column {customer!r} (customer=) is empty in {n:d} of {rows:d} rows (e.g. {where}; an id of "
    "only spaces counts as empty). Rows without a customer cannot be attributed to anyone; drop "
    "them explicitly with rk.{loader}(..., drop_missing_customers=True) or fill the ids.": (
        "столбец {customer!r} (customer=) пуст в {n:d} из {rows:d} строк (например, {where}; "
        "идентификатор из одних пробелов тоже пустой). Строку без клиента некому приписать: "
        "отбросьте такие строки явно, rk.{loader}(..., drop_missing_customers=True), или "
        "заполните идентификаторы."
    ),
    "dropped {n:d} of {rows:d} rows with an empty {customer!r} (e.g. {where}), as "
    "drop_missing_customers=True asked.": (
        "отброшено {n:d} из {rows:d} строк с пустым {customer!r} (например, {where}), как "
        "просит drop_missing_customers=True."
    ),
    # loading.py: returns and cancellations
    "negative {column!r}": "отрицательные значения {column!r}",
    " or ": " или ",
    "{n:d} rows are returns or cancellations ({what}; e.g. {where}). A return is not a purchase: "
    "pass returns='net' to subtract returns from the customer's revenue, or returns='drop' to "
    "leave them out (CLI: --returns net / drop).": (
        "{n:d} {n:строка — возврат|строки — возвраты|строк — возвраты} или отмены ({what}; "
        "например, {where}). Возврат — не покупка: передайте returns='net', чтобы вычесть "
        "возвраты из выручки клиента, или returns='drop', чтобы их не учитывать "
        "(в CLI: --returns net / drop)."
    ),
    " worth {amount:,.2f}": " на сумму {amount:,.2f}",
    "{rows:,} rows are returns or cancellations ({what}){money}, from {customers:,} customers; "
    "{only:,} of them only returned goods (no purchase in the log) and so are not counted as "
    "customers. Returns never count as activity, an order or a cohort start. ": (
        "{rows:,} {rows:строка — возврат|строки — возвраты|строк — возвраты} или отмены "
        "({what}){money}, от {customers:,} {customers:клиента|клиентов|клиентов}; {only:,} из "
        "них только возвращали товар (покупок в журнале нет) и поэтому клиентами не считаются. "
        "Возврат никогда не считается активностью, заказом или началом когорты. "
    ),
    "As returns='drop' asked, they are dropped": "Как просит returns='drop', они отброшены",
    ": amounts are gross (returns not subtracted).": ": суммы валовые (возвраты не вычтены).",
    "As returns='net' asked they are removed; with no amount there is nothing to net.": (
        "Как просит returns='net', они убраны; без суммы вычитать нечего."
    ),
    "As returns='net' asked, each return's amount is subtracted from the customer's latest "
    "purchase at or before it: amounts are net of returns": (
        "Как просит returns='net', сумма каждого возврата вычтена из последней покупки клиента "
        "в тот же момент или раньше: суммы за вычетом возвратов"
    ),
    "; {n:,} returns have no earlier purchase of their customer in the log (bought before it "
    "starts) and are dropped": (
        "; у {n:,} {n:возврата|возвратов|возвратов} нет более ранней покупки того же клиента в "
        "журнале (куплено до его начала), они отброшены"
    ),
    # loading.py: exact copies of a row
    "{n:d} rows are exact copies of an earlier row (e.g. {where}: {row})": (
        "{n:d} {n:строка — точная копия|строки — точные копии|строк — точные копии} более "
        "ранней строки (например, {where}: {row})"
    ),
    "{what}. Pass duplicates='drop' to remove the copies, or 'keep' if repeated identical rows "
    "are real (e.g. two identical items bought at once).": (
        "{what}. Передайте duplicates='drop', чтобы удалить копии, или 'keep', если одинаковые "
        "строки настоящие (например, два одинаковых товара в одной покупке)."
    ),
    "{what}; dropped them as duplicates='drop' asked.": (
        "{what}; они удалены, как просит duplicates='drop'."
    ),
    "{what}. They are kept; pass duplicates='drop' to remove them, or 'keep' to silence this "
    "warning if they are real.": (
        "{what}. Они оставлены; передайте duplicates='drop', чтобы их удалить, или 'keep', "
        "чтобы не видеть этого предупреждения, если они настоящие."
    ),
    # metrics/crr.py and core/counts.py: counts of customers
    "end={end:g} minus new={new:g} is negative: the customers at the end include the new ones, "
    "so end must be at least new. Check that new counts only customers acquired in this "
    "period.": (
        "end={end:g} минус new={new:g} меньше нуля: клиенты на конец периода включают новых, "
        "поэтому end не может быть меньше new. Проверьте, что new считает только клиентов, "
        "привлечённых в этом периоде."
    ),
    "end - new = {kept:g} is more than start={start:g}: more customers retained than existed at "
    "the start. Check that new includes every customer acquired during the period.": (
        "end - new = {kept:g} больше, чем start={start:g}: удержанных клиентов больше, чем было "
        "на начало. Проверьте, что new включает всех клиентов, привлечённых за период."
    ),
    "the counts disagree: start + new - lost = {start:g} + {new:g} - {lost:g} = {computed:g}, "
    "but end={end:g}. Give only end or only lost, or fix the one that is wrong.": (
        "числа не сходятся: start + new - lost = {start:g} + {new:g} - {lost:g} = {computed:g}, "
        "а end={end:g}. Укажите только end или только lost либо исправьте неверное."
    ),
    "you cannot lose more customers than you had at the start of the period.": (
        "нельзя потерять больше клиентов, чем было на начало периода."
    ),
    "{part}={value:g} is more than {whole}={limit:g}: {why}": (
        "{part}={value:g} больше, чем {whole}={limit:g}: {why}"
    ),
    "{name} must be a whole number of customers, got {value:g}; counts of customers cannot have "
    "fractions (did you pass a rate?).": (
        "{name} должно быть целым числом клиентов, получено {value:g}; в числе клиентов не "
        "бывает дробей (может быть, передан коэффициент?)."
    ),
    "{name} must not be negative, got {value:g}: a number of customers is 0 or more.": (
        "{name} не может быть отрицательным, получено {value:g}: число клиентов — 0 или больше."
    ),
}
