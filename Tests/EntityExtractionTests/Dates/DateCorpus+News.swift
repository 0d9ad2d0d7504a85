/// Corpus lines for the rules real news needed (`shared/data/realnews/GUIDELINES.md`), at
/// the same fixed publication date as `DateCorpus` (Thursday 2024-03-14). Each block is one
/// rule, with lines that must find nothing beside the ones that must find a date.
extension DateCorpus {
    static let news: [(text: String, expected: [(span: String, value: String)])] = [
        // direction from the tense of the sentence: ahead when it looks ahead, else back
        ("The council meets on Tuesday.", [("Tuesday", "2024-03-19")]),
        ("The council met on Tuesday.", [("Tuesday", "2024-03-12")]),
        ("Rates will be set from March 2.", [("March 2", "2025-03-02")]),
        ("Rates were set from March 2.", [("March 2", "2024-03-02")]),
        ("The report is due in June.", [("June", "2024-06")]),
        ("The report came out in June.", [("June", "2023-06")]),
        ("The firm plans to list its shares in October.", [("October", "2024-10")]),
        ("Funds will be credited on Friday, when an earlier pact expires.", [("Friday", "2024-03-15")]),
        ("It said interest payable March 31 will be paid as usual.", [("March 31", "2024-03-31")]),
        // the date right after a verb of saying (or after its `on`) dates the saying, whatever it reports
        ("The minister said on Monday the country would send more aid.", [("Monday", "2024-03-11")]),
        ("Officials told reporters on Tuesday that talks will resume.", [("Tuesday", "2024-03-12")]),
        ("The company announced Wednesday it will cut 500 jobs.", [("Wednesday", "2024-03-13")]),
        ("Reserves fell on Tuesday due to a number of corrections.", [("Tuesday", "2024-03-12")]),
        // a wrapped line does not end the sentence: the date keeps its verb
        ("The bank will redeem on\nMay 31 all its notes.", [("May 31", "2024-05-31")]),
        ("Losses are estimated at 3.1 billion yen in the year ending March 31, against\na larger loss a year earlier.",
         [("the year ending March 31", "2023-04-01..2024-03-31"), ("a year earlier", "2022-04-01..2023-03-31")]),
        ("The proposal is designed to avoid an impasse when talks reopen on Monday.", [("Monday", "2024-03-18")]),
        // the end of the period of the story
        ("Rates should fall by year's end.", [("year's end", "2024-12")]),
        ("The fund closed at year-end.", [("year-end", "2024-12")]),
        ("Gains this calendar year were small.", [("this calendar year", "2024")]),
        // quarters, halves and fiscal years
        ("Profits rose in the December quarter.", [("the December quarter", "2023-10-01..2023-12-31")]),
        ("Sales fell in the final quarter of 2004.", [("the final quarter of 2004", "2004-10-01..2004-12-31")]),
        ("Fourth-quarter profits rose.", [("Fourth-quarter", "2023-10-01..2023-12-31")]),
        ("Growth slowed in the first half of 2005.", [("the first half of 2005", "2005-01-01..2005-06-30")]),
        ("Earnings for the fourth quarter ending May 30 will rise.", [("the fourth quarter ending May 30", "2024-03-01..2024-05-30")]),
        ("Losses in the year ending March 31 narrowed. They were larger in 2021/22.",
         [("the year ending March 31", "2023-04-01..2024-03-31"), ("2021/22", "2021-04-01..2022-03-31")]),
        ("Sales rose in 2021/22.", [("2021/22", "2021-01-01..2022-12-31")]),
        ("Sales rose 5% in the three months to December.", [("the three months to December", "2023-10-01..2023-12-31")]),
        ("Output rose in the year to December.", [("the year to December", "2023")]),
        ("The index rose in the week to Wednesday.", [("the week to Wednesday", "2024-03-07..2024-03-13")]),
        ("Borrowings averaged 310 mln dlrs in the week ended Wednesday, March 13. They fell on Thursday.",
         [("the week ended Wednesday, March 13", "2024-03-07..2024-03-13"), ("Thursday", "2024-03-07")]),
        ("Oil is up 30% on the start of 2004.", [("the start of 2004", "2004-01")]),
        ("Prices will rise by the end of the year.", [("the end of the year", "2024-12")]),
        // anchored relatives: from the date stated just before, not from publication
        ("Renault sold 2.4 million cars in 2004, up 4% on the previous year.", [("2004", "2004"), ("the previous year", "2003")]),
        ("Nissan turned a loss in 2000 into a profit the following year.", [("2000", "2000"), ("the following year", "2001")]),
        ("Homes were worth £3.3 trillion in 2004, triple the value 10 years earlier.", [("2004", "2004"), ("10 years earlier", "1994")]),
        ("M-3 grew 3.6 pct in December against 12.3 pct a year earlier.", [("December", "2023-12"), ("a year earlier", "2022-12")]),
        ("Profit rose in the third quarter of 2023 from a year ago.",
         [("the third quarter of 2023", "2023-07-01..2023-09-30"), ("a year ago", "2022-07-01..2022-09-30")]),
        ("Bannon founded it in 2020. Later that year, he was arrested.", [("2020", "2020"), ("Later that year", "2020")]),
        ("Markets rose on 10 November but fell later in the day.", [("10 November", "2023-11-10")]),
        ("Sales fell in 2004 and rose over the year.", [("2004", "2004")]),
        // parts of a day: that day, the part-of-day words in the span
        ("Banks close here this afternoon.", [("this afternoon", "2024-03-14")]),
        ("He left for Zurich this evening.", [("this evening", "2024-03-14")]),
        ("Rebels attacked the town last night.", [("last night", "2024-03-13")]),
        ("They staged a show of unity on Thursday morning.", [("Thursday morning", "2024-03-14")]),
        ("Funaro will leave early tomorrow morning.", [("early tomorrow morning", "2024-03-15")]),
        ("Talks resume tonight.", [("tonight", "2024-03-14")]),
        // ranges, and each end a date of its own
        ("The rules applied between June 1 1987 and May 31 1994.",
         [("June 1 1987 and May 31 1994", "1987-06-01..1994-05-31"), ("June 1 1987", "1987-06-01"), ("May 31 1994", "1994-05-31")]),
        // years that date something, not labels
        ("Output is forecast to fall in 2004.", [("2004", "2004")]),
        ("In 1984 and 1985 Brazil's surpluses grew.", [("1984", "1984"), ("1985", "1985")]),
    ]

    /// Not calendar references: lengths, ages, frequencies, anaphora, labels, names.
    /// Periods counted from publication, which the Recognizers-Text suites read as date
    /// ranges (`DateConvention.recognizers`) and the guidelines as lengths.
    static let countedRanges: [(text: String, expected: [(span: String, value: String)])] = [
        ("Output fell over the past year.", [("the past year", "2023-03-14..2024-03-13")]),
        ("Sales fell over the past three months.", [("the past three months", "2023-12-14..2024-03-13")]),
        ("The army will advance over the next 3 days.", [("the next 3 days", "2024-03-15..2024-03-17")]),
        ("Assets doubled during the past decade.", [("the past decade", "2010-01-01..2019-12-31")]),
        ("Students will join within a decade.", [("a decade", "2024-03-14..2034-03-13")]),  // `within` stays out
        // an offset with no date before it: from the reference, as the Recognizers suites read it
        ("Three days later, troops arrived.", [("Three days later", "2024-03-17")]),
        // calendar references stay as they are
        ("The vote is next week.", [("next week", "2024-03-18..2024-03-24")]),
        ("Talks collapsed last week.", [("last week", "2024-03-04..2024-03-10")]),
    ]

    /// Beside the negatives above: the same words where they do name a date.
    static let newsContrasts: [(text: String, expected: [(span: String, value: String)])] = [
        ("The plant will open in a month.", [("a month", "2024-04-14")]),
        ("The best plan is to open in a month.", [("a month", "2024-04-14")]),  // the superlative is not the length's
        ("The company was sold in 2000 to a rival.", [("2000", "2000")]),
        ("Sales fell in 2003 and rose the next year.", [("2003", "2003"), ("the next year", "2004")]),
        ("Please schedule it for the following week.", [("the following week", "2024-03-18..2024-03-24")]),  // `for` a time, not a length
    ]

    static let newsNegative: [String] = [
        "The contract runs for two years.",
        // lengths counted from publication (`over the past two years`): no calendar period
        "Output fell over the past year.",
        "Sales fell over the past three months.",
        "The army will advance over the next 3 days.",
        "Rates have stabilised over the past few weeks.",
        "Supplies should be adequate for the next three months.",
        "A quarter of a million students will join within a decade.",
        "Assets doubled during the past decade.",
        "He has led the turnaround in the past five years.",
        "Profits were lower than in the preceding three quarters.",
        "A three-month delay hit the plan.",
        "The 21-year-old was arrested.",
        "Dividends are paid quarterly.",
        "Output rose year-on-year.",
        "The annual meeting was calm.",
        "Prices rose in recent months.",
        "The reactor has been shut for 18 months.",
        "That year was hard.",
        "He offered rebates on 1986 and 1987 Jeep Cherokee models.",
        "Volvo 1986 Lease Finance Corp sold notes.",
        "He told Today he would stay.",
        "Analysts attributed the fall to mild weather.",
        "The fall came as the dollar weakened.",
        "The match turned in the second half of the game.",
        "Headline without a full stop\n\nThe figures were revised.",
        // a length after a superlative reaches back: no day ahead
        "The market has seen its biggest slide in a month.",
        "Labour is on course for its worst election defeat in a century.",
        "It is the highest level in five years.",
        // `over the next year` is a length, as `over the next five years` is
        "The economy is forecast to grow over the next year.",
        "Prices held steady throughout the following month.",
        // clock times on the 24-hour clock, with their time zone
        "The wires were held open until about 2000 or 2100 EST.",
        "Trading resumes at 1400 GMT.",
        "The polls close at 2200 local time.",
    ]

    /// OntoNotes' convention over the same recognizer: lengths are dates, parts of a day are TIME.
    static let ontoNotes: [(text: String, expected: [(span: String, value: String)])] = [
        ("The contract runs for two years.", [("two years", "duration")]),
        ("Dividends are paid quarterly.", [("quarterly", "duration")]),
        ("The 14-year-old boy was rescued.", [("14-year-old", "duration")]),
        ("Mr. Smith, 54, said he would stay.", [("54", "duration")]),
        ("The talks lasted about two weeks.", [("about two weeks", "duration")]),
        ("Sales have been weak these days.", [("these days", "duration")]),
        ("Investors bought a 10-year bond.", [("10-year", "duration")]),
        ("They staged a show of unity on Thursday morning.", [("Thursday", "2024-03-14")]),
        ("Banks close here this afternoon.", []),
        ("Last year's results were strong.", [("Last year's", "2023")]),
        ("Sales fell in 2004 and rose over the year.", [("2004", "2004"), ("the year", "duration")]),
    ]
}
