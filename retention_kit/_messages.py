"""The Russian versions of the kit's own messages that the notebooks show (errors, warnings).

Pure data, read by :mod:`retention_kit.i18n` when it loads: each key is the English template
that the raising module formats (with :func:`retention_kit.i18n.text`, or, for the scalar
metrics' errors, :func:`retention_kit._error_texts.message`), so the English message is exactly
the key and tests that match English messages are unaffected. Add a message here when a
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
    # core/columns.py: the column checker (the message a student meets most often)
    "this function": "этой функции",
    "{who} needs a table (a pandas DataFrame), got {type}.": "{who} нужна таблица (pandas "
    "DataFrame), а передан {type}.",
    "{arg}=None: {arg}= is required; pass the name of one of the table's columns "
    "{available}.": "{arg}=None: аргумент {arg}= обязателен; укажите название одного из "
    "столбцов таблицы: {available}.",
    "the column name {column!r}": "значение {column!r}",
    "{label} is not a column name; give one of the table's columns as text: {available}.": (
        "{label} — не название столбца; укажите текстом один из столбцов таблицы: {available}."
    ),
    " Did you mean {close!r}?": " Возможно, вы имели в виду {close!r}?",
    "{arg}={column!r}: the table has no column {column!r}.": "{arg}={column!r}: в таблице нет "
    "столбца {column!r}.",
    "Pass {arg}= one of them.": "Укажите в {arg}= один из них.",
    "{who} needs the column {column!r}, which the table does not have.": "{who} нужен столбец "
    "{column!r}, а в таблице его нет.",
    "The table's columns are {available}.": "Столбцы таблицы: {available}.",
    "Pass your own column names, e.g. customer='CustomerID', time='InvoiceDate'.": "Укажите "
    "названия своих столбцов, например customer='CustomerID', time='InvoiceDate'.",
    # what the callers of the column checker suggest (fix=, needed_by=)
    "the chart": "графику",
    "Give start, new and end (or lost) per row.": "Укажите в каждой строке start, new и end "
    "(или lost).",
    "Pass the table returned by the kit function named in the chart's docstring.": "Передайте "
    "таблицу, которую возвращает функция библиотеки, названная в описании графика.",
    "Pass the table returned by rk.retention_uplift(...) or rk.retention_projection(...).": (
        "Передайте таблицу, которую возвращает rk.retention_uplift(...) или "
        "rk.retention_projection(...)."
    ),
    "Pass the result of rk.cohort_table(...).": "Передайте результат rk.cohort_table(...).",
    "Add them: segment (a name) and crr (a fraction, 0.3 for 30 %).": "Добавьте их: segment "
    "(название сегмента) и crr (доля: 0.3 для 30 %).",
    # metrics/crr.py and core/counts.py: counts of customers
    # the errors of the scalar metrics (metrics/*) and of the count checks they and stats.py
    # call (core/counts.py); their call sites format numbers with _error_texts.num
    # core/counts.py: numbers, arrays and Series of counts and amounts ("start должно быть ...":
    # the argument's value, hence neuter)
    "{name} must be a number, got the text {value}.": "{name} должно быть числом, а получен "
    "текст {value}.",
    "{name} must be a number, an array or a Series, got a DataFrame; pass one of its columns, "
    "e.g. {name}=table['{name}'].": "{name} должно быть числом, массивом или Series, а получен "
    "DataFrame; передайте один его столбец, например {name}=table['{name}'].",
    "{name} must be a real number, got a complex one.": "{name} должно быть действительным "
    "числом, а получено комплексное.",
    "{name} is too large to compute with (more than about 1.8e308); pass a count of a "
    "realistic size.": "{name} слишком велико для вычислений (больше примерно 1,8e308); "
    "передайте число реального размера.",
    "{name} must be a number (or numbers), got {value}.": "{name} должно быть числом (или "
    "числами), а получено {value}.",
    "{value} at position {pos}": "{value} на позиции {pos}",
    "{name} has a missing value (NaN); fill or drop it before computing the metric.": "в {name} "
    "есть пропущенное значение (NaN); заполните или удалите его, прежде чем считать показатель.",
    "{name} must be a finite count, got {value}.": "{name} должно быть конечным числом "
    "клиентов, получено {value}.",
    "{name} must not be negative, got {value}: a number of customers is 0 or more.": "{name} не "
    "может быть отрицательным, получено {value}: число клиентов — 0 или больше.",
    "{name} must be a whole number of customers, got {value}; counts of customers cannot have "
    "fractions (did you pass a rate?).": "{name} должно быть целым числом клиентов, получено "
    "{value}; в числе клиентов не бывает дробей (может быть, передан коэффициент?).",
    "{name} must be greater than 0: it is the denominator, and a rate over 0 customers is "
    "undefined.": "{name} должно быть больше 0: это знаменатель, а доля от 0 клиентов не "
    "определена.",
    "{name} must be finite, got {value}.": "{name} должно быть конечным числом, получено {value}.",
    "{name} must not be negative, got {value}.": "{name} не может быть отрицательным, получено "
    "{value}.",
    "{part_name}={part} is more than {whole_name}={whole}: {why}": "{part_name}={part} больше, "
    "чем {whole_name}={whole}: {why}",
    # stats.py: the intervals' count checks (their "why" follows a message of core/counts.py)
    "{part_name} and {whole_name} must have the same length, got {part} and {whole}.": "у "
    "{part_name} и {whole_name} должна быть одна длина, а получены {part} и {whole}.",
    "{part_name} counts customers among the {whole_name}, so it cannot be larger. Check that "
    "the two arguments are not swapped.": "{part_name} — это клиенты из числа {whole_name}, "
    "поэтому их не может быть больше. Проверьте, не перепутаны ли аргументы.",
    "promoters, detractors and total must have the same length, got {promoters}, {detractors} "
    "and {total}.": "у promoters, detractors и total должна быть одна длина, а получены "
    "{promoters}, {detractors} и {total}.",
    "promoters and detractors are parts of all answers, so together they cannot be "
    "more.": "промоутеры и критики — части всех ответов, поэтому вместе их не может быть больше.",
    # metrics/crr.py
    "give either end (customers at the end of the period) or lost (customers lost during it); "
    "CRR needs one of them.": "укажите end (клиенты на конец периода, E) или lost (ушедшие за "
    "период клиенты, L): коэффициенту удержания клиентов нужно одно из двух.",
    "you cannot lose more customers than you had at the start of the period.": "нельзя "
    "потерять больше клиентов, чем было на начало периода.",
    "end={end} minus new={new} is negative: the customers at the end include the new ones, so "
    "end must be at least new. Check that new counts only customers acquired in this "
    "period.": "end={end} минус new={new} — отрицательное число: клиенты на конец периода (E) "
    "включают новых клиентов (N), поэтому end не может быть меньше new. Проверьте, что new "
    "считает только клиентов, привлечённых в этом периоде.",
    "end - new = {kept} is more than start={start}: more customers retained than existed at the "
    "start. Check that new includes every customer acquired during the period.": "end - new = "
    "{kept} больше, чем start={start}: удержанных клиентов получилось больше, чем было на начало "
    "периода. Проверьте, что new включает всех клиентов, привлечённых за период.",
    "the counts disagree: start + new - lost = {start} + {new} - {lost} = {total}, but "
    "end={end}. Give only end or only lost, or fix the one that is wrong.": "числа не сходятся: "
    "start + new - lost = {start} + {new} - {lost} = {total}, а end={end}. Укажите только end "
    "или только lost либо исправьте неверное число.",
    # metrics/churn.py
    "churn needs lost (L, customers lost in the period), or both new and end (N and E, then "
    "L = S + N - E); got {got}. Pass the missing count (new=0 if no customer was "
    "acquired).": "для оттока нужен lost (L, ушедшие за период клиенты) или оба числа new и end "
    "(N и E, тогда L = S + N - E); {got}. Передайте недостающее число (new=0, если новых "
    "клиентов не было).",
    "neither": "не передано ни то ни другое",
    "new but no end": "передан new, но нет end",
    "end but no new": "передан end, но нет new",
    # metrics/ltv.py
    "monthly_churn must be a fraction in (0, 1], got {value}. Pass 0.05 for 5 %; with churn 0 "
    "customers never leave and the lifetime is infinite.": "monthly_churn (отток за месяц) "
    "должно быть долей от 0 до 1 (0 не входит), получено {value}. Для 5 % передайте 0.05; при "
    "нулевом оттоке клиенты никогда не уходят и срок жизни клиента бесконечен.",
    # metrics/repeat.py
    "repeat_customers and customers must have the same length, got {part} and {whole}.": "у "
    "repeat_customers и customers должна быть одна длина, а получены {part} и {whole}.",
    "repeat customers are some of the customers, so there cannot be more of them. Check that "
    "the two arguments are not swapped.": "клиенты с повторными покупками — часть всех "
    "клиентов, поэтому их не может быть больше. Проверьте, не перепутаны ли аргументы.",
    # metrics/email.py
    "{part_name} counts unique people among the {whole_name}, so it cannot be larger. If you "
    "have total opens/clicks, use the unique counts instead.": "{part_name} — это уникальные "
    "люди из числа {whole_name}, поэтому их не может быть больше. Если у вас общее число "
    "открытий или кликов, возьмите вместо него число уникальных людей.",
    "email_metrics needs a table (a pandas DataFrame) with one row per campaign, got {type}; "
    "for single numbers call rk.open_rate(opened=..., delivered=...) and the other rates "
    "instead.": "email_metrics нужна таблица (pandas DataFrame), по строке на рассылку, а "
    "передан {type}; для отдельных чисел вызовите rk.open_rate(opened=..., delivered=...) и "
    "функции других показателей.",
    # metrics/nps.py
    "scores must be numbers from 0 to 10, got the text {value}.": "scores (оценки NPS): нужны "
    "числа от 0 до 10, а передан текст {value}.",
    "scores must be one column of answers, got a DataFrame; pass the column, e.g. "
    "nps(survey['score']).": "scores (оценки NPS): нужен один столбец ответов, а передан "
    "DataFrame; передайте столбец, например nps(survey['score']).",
    "scores must be a list, array or Series of 0-10 answers, got {value}; e.g. "
    "nps([10, 9, 8, 3]).": "scores (оценки NPS): нужен список, массив или Series ответов от 0 "
    "до 10, а передано {value}; например nps([10, 9, 8, 3]).",
    "scores is empty: NPS needs at least one answer.": "scores (оценки NPS) пуст: для NPS нужен "
    "хотя бы один ответ.",
    "scores has a value that is not a number at position {pos}: {value}. NPS scores are whole "
    "numbers from 0 to 10.": "в scores на позиции {pos} не число: {value}. Оценки NPS — целые "
    "числа от 0 до 10.",
    "scores has a missing answer at position {pos}; drop unanswered rows first (e.g. "
    "scores.dropna()).": "в scores на позиции {pos} нет ответа; сначала удалите строки без "
    "ответа (например, scores.dropna()).",
    "scores has {value} at position {pos}: NPS answers are whole numbers from 0 to 10.": "в "
    "scores на позиции {pos} стоит {value}, а ответы NPS — целые числа от 0 до 10.",
}
