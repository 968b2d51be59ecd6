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
    # loading.py: reading a file (read_table)
    "a pandas DataFrame, a .csv / .csv.gz / .tsv file, a .parquet file or a folder of .parquet "
    "files, or an Excel .xlsx file": "pandas DataFrame, файл .csv / .csv.gz / .tsv, файл "
    ".parquet или папка с файлами .parquet, файл Excel .xlsx",
    "cannot read a table from a {type}; give {accepted}.": "не удаётся прочитать таблицу из "
    "{type}; подходят: {accepted}.",
    "{name}={value!r}: give a non-empty text, e.g. sep=';', decimal=',', encoding='cp1251'.": (
        "{name}={value!r}: укажите непустой текст, например sep=';', decimal=',', "
        "encoding='cp1251'."
    ),
    "decimal={decimal!r}: give one character, '.' or ','.": "decimal={decimal!r}: укажите один "
    "символ, '.' или ','.",
    "encoding={encoding!r} is not an encoding Python knows; use e.g. 'utf-8', 'cp1251' or "
    "'latin-1'.": "encoding={encoding!r}: такой кодировки Python не знает; укажите, например, "
    "'utf-8', 'cp1251' или 'latin-1'.",
    "file not found: {path!r} (looked in {cwd!r}). Check the path; accepted are {accepted}.": (
        "файл не найден: {path!r} (искали в папке {cwd!r}). Проверьте путь; подходят: {accepted}."
    ),
    "the folder {path!r} holds no .parquet files; a folder is read as a Parquet dataset. "
    "Accepted are {accepted}.": "в папке {path!r} нет файлов .parquet, а папка читается как "
    "набор данных Parquet. Подходят: {accepted}.",
    "table": "таблицы",
    "could not read {path!r} as a {suffix} file: {exc}. Check that the file is not damaged and "
    "is one of: {accepted}; for a CSV, sep=, decimal= and encoding= (CLI: --sep, --decimal, "
    "--encoding) set how it is read.": "не удалось прочитать {path!r} как файл {suffix}: {exc}. "
    "Проверьте, что файл не повреждён и это одно из: {accepted}; как читать CSV, задают sep=, "
    "decimal= и encoding= (в CLI: --sep, --decimal, --encoding).",
    " (old .xls files: open and save as .xlsx or .csv)": " (старый файл .xls откройте и "
    "сохраните как .xlsx или .csv)",
    "(none)": "(нет)",
    "cannot read {path!r}: the suffix {suffix!r} is not a format this kit reads{hint}. "
    "Accepted are {accepted}.": "не удаётся прочитать {path!r}: расширение {suffix!r} — не "
    "формат, который читает библиотека{hint}. Подходят: {accepted}.",
    "line {number} of {path!r}": "строка {number} файла {path!r}",
    "a line of {path!r}": "одна из строк файла {path!r}",
    " ({n} lines are like it)": " (таких строк: {n})",
    "{where} is ragged: it has {actual} fields where the header has {expected} ({line!r}){more}. "
    "A field is missing there, so the columns after it would be read as empty. Fix the line "
    "(add the missing field or the separators of empty ones) and read the file again.": (
        "{where} короче заголовка: в ней {actual} {actual:поле|поля|полей}, а в заголовке "
        "{expected} ({line!r}){more}. Одного поля не хватает, и столбцы после него прочитались "
        "бы пустыми. Исправьте строку (добавьте недостающее поле или разделители пустых полей) "
        "и прочитайте файл снова."
    ),
    "{where} is ragged: it has {saw} fields where the header has {expected}. A value there "
    "probably holds the separator without quotes; quote that value or remove the extra "
    "separator, then read the file again.": (
        "{where} длиннее заголовка: в ней {saw} {saw:поле|поля|полей}, а в заголовке "
        "{expected}. Вероятно, какое-то значение содержит разделитель и не взято в кавычки; "
        "возьмите это значение в кавычки или уберите лишний разделитель и прочитайте файл снова."
    ),
    "{path!r} is not written in encoding={encoding!r}; leave encoding= out to let the kit "
    "detect it, or give the right one (e.g. 'cp1251', 'utf-8').": "файл {path!r} записан не в "
    "кодировке encoding={encoding!r}; уберите encoding=, и библиотека определит кодировку сама, "
    "или укажите правильную (например, 'cp1251', 'utf-8').",
    # loading.py: what read_table detected in a spreadsheet export (a warning, and attrs notes)
    "fields separated by {sep!r}": "поля разделены символом {sep!r}",
    "encoding {encoding} (the file is not UTF-8; if letters look wrong, pass encoding=)": (
        "кодировка {encoding} (файл не в UTF-8; если буквы выглядят неправильно, передайте "
        "encoding=)"
    ),
    "decimal comma in column {column!r} ({example!r} read as {number:g})": "десятичная запятая "
    "в столбце {column!r} ({example!r} прочитано как {number:g})",
    "read {name!r}: ": "файл {name!r} прочитан так: ",
    "read {path!r} as a spreadsheet export: {found}. If that is wrong, pass sep=, decimal=, "
    "encoding= (CLI: --sep, --decimal, --encoding).": "файл {path!r} прочитан как выгрузка из "
    "Excel или другой электронной таблицы: {found}. Если что-то определено неверно, передайте "
    "sep=, decimal=, encoding= (в CLI: --sep, --decimal, --encoding).",
    # loading.py: the table's columns, rows and options
    "the table has more than one column named {column!r}; rename them so that each name is "
    "unique (e.g. df.columns = [...]) and name the one to use.": "в таблице несколько столбцов "
    "с названием {column!r}; переименуйте их, чтобы названия не повторялись (например, "
    "df.columns = [...]), и укажите, какой из них взять.",
    "the table": "таблица",
    "the table (after dropping {n:d} rows without a customer id)": "таблица (после удаления "
    "{n:d} {n:строки|строк|строк} без идентификатора клиента)",
    "the table (after taking out the returns)": "таблица (после исключения возвратов)",
    "{what} has no rows: nothing to analyse. Check the file / the filter applied before.": (
        "{what} пуста: анализировать нечего. Проверьте файл или фильтр, применённый раньше."
    ),
    "{name}={value!r} is not an option; use one of {allowed}.": "{name}={value!r}: такого "
    "варианта нет; возможные значения: {allowed}.",
    # loading.py: dates
    "column {column!r} ({arg}=) has dates written day first ({day}) and month first ({month}). "
    "Clean the column to one order (ISO 2024-02-23 is safest) before loading.": "в столбце "
    "{column!r} ({arg}=) есть и даты, где сначала день ({day}), и даты, где сначала месяц "
    "({month}). До загрузки приведите столбец к одному порядку (надёжнее всего ISO: "
    "2024-02-23).",
    "day first (dd/mm/yyyy)": "сначала день (дд/мм/гггг)",
    "month first (mm/dd/yyyy)": "сначала месяц (мм/дд/гггг)",
    "column {column!r} read {order}, as {example} shows; pass dayfirst={other} or date_format= "
    "to read it otherwise": "столбец {column!r} прочитан так: {order}, как показывает "
    "{example}; чтобы прочитать иначе, передайте dayfirst={other} или date_format=",
    "column {column!r} read day first (dd.mm.yyyy, e.g. {example}); pass dayfirst=False or "
    "date_format= to read it otherwise": "столбец {column!r} прочитан так: сначала день "
    "(дд.мм.гггг, например {example}); чтобы прочитать иначе, передайте dayfirst=False или "
    "date_format=",
    "column {column!r} ({arg}=): every date has day and month at most 12 (e.g. {example}), so "
    "each could be day first or month first (05/01/2024 is 5 January or 1 May) and the kit does "
    "not guess. Pass dayfirst=True (day first, 31/12/2024), dayfirst=False (month first, "
    "12/31/2024) or the exact format, e.g. date_format='%d/%m/%Y' (CLI: --dayfirst / "
    "--date-format).": "столбец {column!r} ({arg}=): во всех датах и день, и месяц не больше 12 "
    "(например, {example}), поэтому любую из них можно прочитать и как «сначала день», и как "
    "«сначала месяц» (05/01/2024 — это 5 января или 1 мая), а библиотека не угадывает. "
    "Передайте dayfirst=True (сначала день: 31/12/2024), dayfirst=False (сначала месяц: "
    "12/31/2024) или точный формат, например date_format='%d/%m/%Y' (в CLI: --dayfirst / "
    "--date-format).",
    "date_format={date_format!r} is not a date format ({exc}); write it with strftime codes, "
    "e.g. '%d.%m.%Y' for 23.02.2024 or '%Y-%m-%d %H:%M'.": "date_format={date_format!r} — не "
    "формат даты ({exc}); запишите его кодами strftime, например '%d.%m.%Y' для 23.02.2024 или "
    "'%Y-%m-%d %H:%M'.",
    "column {column!r} ({arg}=) has values that do not match date_format={date_format!r}"
    "{example}. Fix or drop those rows, or give the format the column is written in (e.g. "
    "'%d.%m.%Y' for 23.02.2024).": "в столбце {column!r} ({arg}=) есть значения, которые не "
    "подходят под date_format={date_format!r}{example}. Исправьте или удалите эти строки либо "
    "укажите формат, в котором записан столбец (например, '%d.%m.%Y' для 23.02.2024).",
    "column {column!r} ({arg}=) mixes times with a time zone ({aware}) and times without one "
    "({naive}). The naive ones are ambiguous: convert the column to one convention (e.g. all "
    "UTC) before loading, or store them all with their offset.": "в столбце {column!r} ({arg}=) "
    "есть время с часовым поясом ({aware}) и время без него ({naive}). Время без пояса "
    "неоднозначно: до загрузки приведите столбец к одному правилу (например, всё в UTC) или "
    "храните всё время со смещением.",
    "year first, e.g. 2011-01-05": "сначала год, например 2011-01-05",
    "day/month or month/day first, e.g. 05/01/2011": "сначала день или месяц, например 05/01/2011",
    "month as a word, e.g. 5 Jan 2011": "месяц словом, например 5 Jan 2011",
    "column {column!r} ({arg}=) mixes date formats ({examples}). The kit does not guess which "
    "is which (05/01/2011 is 5 January or 1 May): clean the column to one format (ISO "
    "2011-01-05 is safest), e.g. parse each part with pd.to_datetime(..., format=...).": (
        "в столбце {column!r} ({arg}=) смешаны форматы дат ({examples}). Библиотека не "
        "угадывает, где какой (05/01/2011 — это 5 января или 1 мая): приведите столбец к одному "
        "формату (надёжнее всего ISO: 2011-01-05), например прочитайте каждую часть через "
        "pd.to_datetime(..., format=...)."
    ),
    " If the column is written day first pass dayfirst=True (or date_format=).": " Если в "
    "столбце сначала идёт день, передайте dayfirst=True (или date_format=).",
    " If the column is written month first pass dayfirst=False (or date_format=).": " Если в "
    "столбце сначала идёт месяц, передайте dayfirst=False (или date_format=).",
    "column {column!r} ({arg}=) has values that are not dates ({example}).{hint} Fix or drop "
    "those rows, or name the right column in {arg}=.": "в столбце {column!r} ({arg}=) есть "
    "значения, которые не являются датами ({example}).{hint} Исправьте или удалите эти строки "
    "либо укажите в {arg}= нужный столбец.",
    "column {column!r} ({arg}=) could not be read as dates; clean it to one format (ISO "
    "2011-01-05 10:00 is safest) or pass date_format=, and try again.": "столбец {column!r} "
    "({arg}=) не удалось прочитать как даты; приведите его к одному формату (надёжнее всего "
    "ISO: 2011-01-05 10:00) или передайте date_format= и попробуйте снова.",
    "tz={tz!r} is not a time zone pandas knows ({exc}); use a name like 'Europe/Moscow' or "
    "'UTC'.": "tz={tz!r}: такого часового пояса pandas не знает ({exc}); укажите название "
    "вроде 'Europe/Moscow' или 'UTC'.",
    "column {column!r} ({arg}=) has times that occur twice in {tz} (the hour repeated when "
    "clocks go back), e.g. {example}: the zone cannot tell which one is meant. Store the times "
    "in UTC (or with their offset) and pass tz= to convert.": "в столбце {column!r} ({arg}=) "
    "есть время, которое в поясе {tz} бывает дважды (час, который повторяется при переводе "
    "часов назад), например {example}: по поясу не понять, какое из двух имеется в виду. "
    "Храните время в UTC (или со смещением) и передайте tz=, чтобы перевести его в пояс.",
    " An end date that means 'still active' is left empty.": " Если подписка ещё действует, "
    "дату окончания оставляют пустой.",
    "column {column!r} ({arg}=) has {n:d} dates outside {earliest} .. {latest} (e.g. "
    "{example}). Dates like 9999-12-31, 1900-01-01 or 1970-01-01 (Unix time 0) are "
    "placeholders or typing errors, and one of them would stretch every period and cohort "
    "table over decades. Fix or drop those rows before the analysis, e.g. "
    "df = df[df[{column!r}].between('{first}', '{latest}')].{still}": "в столбце {column!r} "
    "({arg}=) {n:d} {n:дата|даты|дат} вне диапазона {earliest} .. {latest} (например, "
    "{example}). Даты вроде 9999-12-31, 1900-01-01 или 1970-01-01 (нулевое время Unix) — "
    "заглушки или опечатки, и одна такая дата растянула бы каждую таблицу периодов и когорт на "
    "десятилетия. Исправьте или удалите эти строки до анализа, например "
    "df = df[df[{column!r}].between('{first}', '{latest}')].{still}",
    "all missing": "все значения пропущены",
    "column {column!r} ({arg}=) holds numbers, not dates ({example}). If they are Unix "
    "timestamps convert them first: df[{column!r}] = pd.to_datetime(df[{column!r}], "
    "unit='s'); otherwise name the date column in {arg}=.": "в столбце {column!r} ({arg}=) "
    "записаны числа, а не даты ({example}). Если это метки времени Unix, сначала преобразуйте их: "
    "df[{column!r}] = pd.to_datetime(df[{column!r}], unit='s'); иначе укажите в {arg}= столбец "
    "с датами.",
    "column {column!r} ({arg}=) has {n:d} values that are the word 'now' or 'today', not a "
    "date ({example}); pandas would read them as the moment of loading. Write the real date "
    "there, or drop those rows.": "в столбце {column!r} ({arg}=) {n:d} "
    "{n:значение|значения|значений} — слово 'now' или 'today', а не дата ({example}); pandas "
    "прочитал бы их как момент загрузки. Впишите туда настоящую дату или удалите эти строки.",
    "column {column!r} ({arg}=) is empty in {n:d} rows (e.g. {where}); drop or fill those rows "
    "before the analysis.": "столбец {column!r} ({arg}=) пуст в {n:d} "
    "{n:строке|строках|строках} (например, {where}); удалите или заполните эти строки до "
    "анализа.",
    # loading.py: amounts (amount=, quantity=, price=)
    "column {column!r} ({arg}=) holds True/False, not numbers; name the column with the {arg} "
    "of each purchase in {arg}=.": "в столбце {column!r} ({arg}=) записаны True/False, а не числа; "
    "укажите в {arg}= столбец, где для каждой покупки записано {arg}.",
    "column {column!r} ({arg}=) holds dates or durations, not numbers; name the column with the "
    "{arg} of each purchase in {arg}=.": "в столбце {column!r} ({arg}=) записаны даты или "
    "длительности, а не числа; укажите в {arg}= столбец, где для каждой покупки записано {arg}.",
    "column {column!r} ({arg}=) has a number too large to compute with (more than about "
    "1.8e308); check that column for a damaged value.": "в столбце {column!r} ({arg}=) есть "
    "число, слишком большое для вычислений (больше примерно 1,8e308); проверьте, нет ли в "
    "столбце повреждённого значения.",
    "column {column!r} ({arg}=) has values that are not numbers ({n:d} rows, e.g. {example}). "
    "Remove currency signs and thousands separators and use a decimal point (12.50, not "
    "12,50), e.g. df[{column!r}].str.replace(',', '.').astype(float); a CSV file written with "
    "decimal commas reads with decimal=',' (CLI: --decimal ,).": "в столбце {column!r} "
    "({arg}=) есть значения, которые не являются числами ({n:d} {n:строка|строки|строк}, "
    "например {example}). Уберите знаки валют и разделители тысяч и отделяйте дробную часть "
    "точкой (12.50, а не 12,50), например df[{column!r}].str.replace(',', '.').astype(float); "
    "CSV-файл с десятичными запятыми читается с decimal=',' (в CLI: --decimal ,).",
    "column {column!r} ({arg}=) is empty in {n:d} rows (e.g. {where}); fill them (e.g. with 0) "
    "or drop those rows.": "столбец {column!r} ({arg}=) пуст в {n:d} "
    "{n:строке|строках|строках} (например, {where}); заполните их (например, нулём) или "
    "удалите эти строки.",
    "column {column!r} ({arg}=) has infinite values ({example}); fix or drop those rows.": (
        "в столбце {column!r} ({arg}=) есть бесконечные значения ({example}); исправьте или "
        "удалите эти строки."
    ),
    "column {amount!r} (amount=) has {n:d} negative amounts (e.g. {example}). They are returns "
    "or cancellations, not purchases, and would count as activity and lower revenue "
    "unannounced. Load the log first with rk.load_transactions(..., returns='net') (returns "
    "subtracted from the customer's revenue) or returns='drop' (returns left out), and pass its "
    "result.": "в столбце {amount!r} (amount=) {n:d} {n:отрицательная сумма|отрицательные "
    "суммы|отрицательных сумм} (например, {example}). Это возвраты или отмены, а не покупки: "
    "они считались бы активностью и незаметно уменьшали бы выручку. Сначала загрузите журнал "
    "через rk.load_transactions(..., returns='net') (возвраты вычитаются из выручки клиента) "
    "или returns='drop' (возвраты не учитываются) и передайте результат.",
    "price={price!r} needs quantity= too: the amount is quantity x price.": "price={price!r}: "
    "нужен и quantity=, ведь сумма — это quantity x price.",
    "amount={amount!r}: with quantity= and price= the kit adds the amount column (quantity x "
    "price), but the table already has a column {amount!r}. Name the new column with "
    "amount='...', or pass amount= alone to use the existing one.": "amount={amount!r}: при "
    "quantity= и price= библиотека добавляет столбец суммы (quantity x price), но в таблице "
    "уже есть столбец {amount!r}. Назовите новый столбец через amount='...' или передайте "
    "только amount=, чтобы взять существующий.",
    # loading.py: options and subscriptions
    "give returns= only (negative_amounts= is its old name), not both.": "укажите только "
    "returns= (negative_amounts= — его старое название), а не оба.",
    "naive": "без часового пояса",
    "in {tz}": "в поясе {tz}",
    "column {start!r} (start_time=) is {start_zone} but {end!r} (end_time=) is {end_zone}; pass "
    "tz= (e.g. tz='UTC') to put both in one time zone.": "столбец {start!r} (start_time=) "
    "{start_zone}, а {end!r} (end_time=) {end_zone}; передайте tz= (например, tz='UTC'), чтобы "
    "привести оба к одному часовому поясу.",
    "{n:d} subscriptions end before they start, e.g. {where}: {start}={start_value}, "
    "{end}={end_value}. Check whether the two columns are swapped or the row is a data-entry "
    "error, and fix or drop it.": "{n:d} {n:подписка|подписки|подписок} с окончанием "
    "раньше начала, например {where}: {start}={start_value}, "
    "{end}={end_value}. Проверьте, не перепутаны ли столбцы и нет ли в строке ошибки ввода, и "
    "исправьте или удалите её.",
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
    # stats.py: the confidence level and the shapes of the counts
    "confidence must be a fraction between 0 and 1 such as 0.95, got {confidence!r}.": (
        "confidence (уровень доверия) должен быть долей от 0 до 1, например 0.95, а получено "
        "{confidence!r}."
    ),
    "confidence must be strictly between 0 and 1, got {confidence!r}{hint}.": "confidence "
    "(уровень доверия) должен быть строго между 0 и 1, а получено {confidence!r}{hint}.",
    " (give a fraction: 0.95, not 95)": " (передайте долю: 0.95, а не 95)",
    "the a and b counts must have the same length (one pair per row), got {a} and {b}.": "у "
    "чисел групп a и b должна быть одна длина (по паре на строку), а получены {a} и {b}.",
    "the counts must be numbers or one-dimensional (one pair of groups per row), got the shape "
    "{shape}.": "числа должны быть отдельными числами или одномерными массивами (по паре групп "
    "на строку), а получена форма {shape}.",
    # profit.py: the retention profit model's inputs
    "{name} must be a single number, got {size} values; call the function once per "
    "scenario.": "{name} должно быть одним числом, а получено значений: {size}; вызовите "
    "функцию отдельно для каждого сценария.",
    "{name}={value} must be a fraction between 0 and 1 (0.9 for 90 % of customers kept each "
    "month).": "{name}={value}: нужна доля от 0 до 1 (0.9, если каждый месяц остаётся 90 % "
    "клиентов).",
    "months={months} must be a whole number of months from 1 to {most} (100 years), e.g. "
    "months=12; the model assumes the same retention every month, which says little beyond a "
    "few years anyway.": "months={months}: нужно целое число месяцев от 1 до {most} (100 лет), "
    "например months=12; модель считает удержание одинаковым каждый месяц, а дальше "
    "нескольких лет такой прогноз всё равно мало что говорит.",
    "monthly_profit_per_customer must be finite, got {value}.": "monthly_profit_per_customer "
    "(прибыль с клиента за месяц) должно быть конечным числом, получено {value}.",
    "base_retention + uplift = {base} + {uplift} = {total} is outside 0-1; the uplift is in "
    "points as a fraction (0.05 turns 0.80 into 0.85).": "base_retention + uplift = {base} + "
    "{uplift} = {total} — вне диапазона 0–1; прирост uplift задаётся в пунктах, записанных "
    "долей (0.05 превращает 0.80 в 0.85).",
    # benchmarks.py: your own benchmark CSV and the rate compared
    "path={path!r} is not a file; give the path of a CSV file with the columns segment and crr "
    "(a fraction, 0.3 for 30 %).": "path={path!r} — не файл; укажите путь к CSV-файлу со "
    "столбцами segment и crr (доля: 0.3 для 30 %).",
    "could not read {path!r} as a CSV file ({exc}); save it as a UTF-8 CSV with the columns "
    "segment and crr.": "не удалось прочитать {path!r} как CSV-файл ({exc}); сохраните его как "
    "CSV в кодировке UTF-8 со столбцами segment и crr.",
    "benchmark {segment!r} has crr={crr!r}; write CRR as a fraction between 0 and 1 (0.3 for "
    "30 %).": "у ориентира {segment!r} crr={crr!r}; запишите коэффициент удержания клиентов "
    "долей от 0 до 1 (0.3 для 30 %).",
    "crr must be one number (a fraction such as 0.3), got {size} values; call "
    "compare_to_benchmarks once per rate.": "crr должно быть одним числом (долей, например "
    "0.3), а получено значений: {size}; вызывайте compare_to_benchmarks для каждого "
    "коэффициента отдельно.",
    "crr={crr!r} must be a fraction between 0 and 1 (0.3 for 30 %).": "crr={crr!r}: нужна доля "
    "от 0 до 1 (0.3 для 30 %).",
    # definitions.py
    "max_age={max_age!r}: give a whole number of periods >= 0, e.g. max_age=12.": "max_age="
    "{max_age!r}: укажите целое число периодов, не меньше 0, например max_age=12.",
    # the column headers of rk.rfm_segments' table as shown in Russian (by the RFM explorer
    # and, shown as «доля клиентов (share)», by rk.plots.rfm_segment_table); the table itself
    # keeps the English names, the keys that code and the notebooks select by
    "segment": "сегмент",
    "customers": "клиенты",
    "share": "доля клиентов",
    "monetary_total": "сумма покупок",
    "monetary_mean": "сумма покупок на клиента",
    "recency_mean": "давность (R), в среднем",
    "frequency_mean": "частота (F), в среднем",
    "action": "действие",
    "action_source": "источник действия",
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
