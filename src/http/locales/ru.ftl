# Веб-страница clusterpool на русском языке: перевод файла en.ftl.
# Синтаксис Fluent (https://projectfluent.org). У каждого языкового файла ровно
# те же идентификаторы сообщений; `tests` в src/http/i18n.rs не проходят, если какого-то нет.
# Подстановки вроде { $count } сохраняют свои имена; формы множественного числа
# следуют русским категориям CLDR (one, few, many, other).

## Сам язык

# Название языка на нём самом, показывается в переключателе языков.
ui-name = Русский
ui-switch = Язык страницы

## Общие элементы всех страниц

skip-to-content = Перейти к содержанию
tagline = Практика кластерного развития региона Балтийского моря — на двенадцати языках
footer-text = Материалами делятся кластерные организации и кластерные программы стран региона Балтийского моря.
footer-api = JSON API

## Ошибки

error-title = Ошибка
error-heading = Что-то не так
error-start-again = Начать новый поиск
error-invalid-parameter = Значение, указанное для «{ $param }», использовать нельзя. Проверьте его и повторите поиск.
error-not-found = Такой страницы или документа в базе нет.
error-method-not-allowed = Этот адрес нельзя использовать таким образом.
error-unauthorized = Для этого нужен административный токен куратора базы.
error-admin-disabled = Функции куратора на этом сервере отключены.
error-index-busy = Сейчас идёт переиндексация базы. Попробуйте ещё раз чуть позже.
error-overloaded = Сервер сейчас перегружен. Попробуйте ещё раз чуть позже.
error-timeout = Поиск занял слишком много времени. Введите меньше слов или добавьте фильтр.
error-payload-too-large = Отправленные данные слишком велики.
error-internal = На нашей стороне что-то пошло не так. Подробности — в журнале сервера.

## Страница поиска

search-title = Поиск
search-title-query = { $query } — поиск
search-heading = Поиск по базе материалов
search-label = Поиск по базе
search-placeholder = например, картирование кластеров, biedru aptauja, klyngeprogram
search-button = Найти
option-words-as-typed = Только введённые слова (без других языков)
option-words-only = Только по словам (без поиска по смыслу)
sort-label = Сортировка
sort-relevance = по релевантности
sort-newest = сначала новые
sort-oldest = сначала старые
sort-added = сначала недавно добавленные
meaning-unavailable = Поиск по смыслу на этом сервере недоступен: не удалось загрузить языковую модель. Результаты подбираются только по словам.
filters-heading = Фильтры
filters-apply = Применить фильтры
results-count = { $count ->
    [one] { $count } результат
    [few] { $count } результата
    [many] { $count } результатов
   *[other] { $count } результата
}
results-for = по запросу «{ $query }»
also-searched = Поиск выполнен также на всех языках базы: { $terms }.
only-words-as-typed = Искать только введённые слова
relaxed = Ни один документ не содержит всех слов запроса; показаны документы, в которых есть часть из них.
did-you-mean = Возможно, вы имели в виду: { $suggestion }?
typo-matched = Некоторые слова в том написании, в каком они введены, не найдены; показаны документы со словами, наиболее близкими по написанию.
feed-link = Подписаться на этот поиск (лента Atom)
feed-title = clusterpool: { $query }
feed-title-all = clusterpool: новые материалы
suggestions-label = Подсказки

## Фасеты: заголовки

facet-type = Тип
facet-lang = Язык
facet-country = Страна
facet-topic = Тема
facet-audience = Аудитория
facet-org = Организация
facet-module = Учебный модуль
facet-concept = Понятие

## Фильтр по году

year-heading = Год
year-from = С
year-to = по
years-in-results = Результаты охватывают { $first }–{ $last } гг.
chip-year-from = С { $year } г.
chip-year-to = По { $year } г.

## Активные фильтры

chips-label = Активные фильтры
chip-remove = Убрать фильтр { $label }
chips-clear = Сбросить все фильтры

## Нет результатов

no-results = В базе ничего не найдено.
no-results-remove-filter = Попробуйте убрать один из фильтров:
no-results-without = без фильтра { $label }
no-results-without-year-from = без ограничения «с { $year } г.»
no-results-without-year-to = без ограничения «по { $year } г.»
no-results-all-languages = Искать на всех языках базы
no-results-hint = Помогает и более короткий или более общий запрос, например «бенчмаркинг» вместо целого предложения.

## Один результат

location-slide = слайд { $number }
location-page = страница { $number }
matched-term = Найдено «{ $term }» ({ $lang }) — эквивалент «{ $query }»
matched-meaning = Совпадение по смыслу: фрагмент { $passage }
matched-meaning-at = Совпадение по смыслу: фрагмент { $passage } ({ $location })

## Страницы результатов

pages-label = Страницы результатов
pages-previous = ‹ Предыдущая
pages-next = Следующая ›

## Страница документа

doc-back = ‹ Назад к поиску
doc-type = Тип
doc-language = Язык
doc-detected = (определён автоматически, уверенность { $confidence })
decimal-separator = ,
doc-mixes = ; в тексте встречаются: { $languages }
doc-countries = Страны
doc-organisations = Организации
doc-topics = Темы
doc-audience = Для кого
doc-module = Учебный модуль
doc-year = Год
doc-source = Источник
doc-original = Исходный файл
doc-download = Скачать { $name }
doc-text = Текст
doc-slide = Слайд { $number }
doc-page = Страница { $number }
related-heading = Связанные материалы
related-none = Связанных материалов пока нет.
related-shares = общие понятия: { $concepts }

## Значения фасетов: виды материалов

type-case-study = Кейс
type-presentation = Презентация
type-tool = Инструмент
type-programme = Программа
type-training-module = Учебный модуль
type-other = Другое

## Значения фасетов: аудитории

audience-facilitator = Фасилитаторы
audience-policy = Сотрудники органов власти
audience-business-support = Организации поддержки бизнеса

## Значения фасетов: восемь учебных модулей

module-basic-1 = Базовый курс 1: Развитие кластеров и кластерная организация
module-basic-2 = Базовый курс 2: Инструменты управления кластером и услуги для участников
module-advanced-1 = Продвинутый курс 1: Интернационализация и глобальные цепочки создания стоимости
module-advanced-2 = Продвинутый курс 2: Транснациональное сотрудничество и подбор партнёров
module-advanced-3 = Продвинутый курс 3: Кластерное совершенство, бенчмаркинг и сертификация
module-programme-1 = Программы 1: Разработка кластерной программы
module-programme-2 = Программы 2: Конкурсы, отбор и финансирование
module-programme-3 = Программы 3: Мониторинг и оценка программ

## Значения фасетов: языки документов

lang-en = Английский
lang-da = Датский
lang-sv = Шведский
lang-no = Норвежский
lang-fi = Финский
lang-et = Эстонский
lang-lv = Латышский
lang-lt = Литовский
lang-pl = Польский
lang-de = Немецкий
lang-ru = Русский
lang-fr = Французский
lang-und = Не определён

## Значения фасетов: страны

country-DK = Дания
country-SE = Швеция
country-NO = Норвегия
country-FI = Финляндия
country-IS = Исландия
country-EE = Эстония
country-LV = Латвия
country-LT = Литва
country-PL = Польша
country-DE = Германия
country-RU = Россия
country-FR = Франция
country-BY = Беларусь
country-NL = Нидерланды
country-BE = Бельгия
country-GB = Великобритания
country-IE = Ирландия
country-ES = Испания
country-IT = Италия
country-AT = Австрия
country-CH = Швейцария
country-CZ = Чехия
country-UA = Украина
country-FO = Фарерские острова
