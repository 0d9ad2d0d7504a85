import Foundation
@testable import EntityExtraction

/// One expected sum: its exact text (found at its first occurrence in the example) and value.
struct ExpectedSum {
    var span: String
    var amount: String
    var currency: String
    var resolution: CurrencyResolution = .explicit
    var qualifier: String? = nil
    var min: String? = nil
    var max: String? = nil
    /// `currency_evidence`; nil means none for explicit sums and `default` for ambiguous ones.
    var evidence: String? = nil

    var expectedEvidence: String? { evidence ?? (resolution == .ambiguous ? "default" : nil) }
}

func sum(_ span: String, _ amount: String, _ currency: String, _ resolution: CurrencyResolution = .explicit,
         qualifier: String? = nil, range: (String, String)? = nil, min: String? = nil, evidence: String? = nil) -> ExpectedSum {
    ExpectedSum(span: span, amount: amount, currency: currency, resolution: resolution, qualifier: qualifier,
                min: range?.0 ?? min, max: range?.1, evidence: evidence)
}

/// Examples with their expected sums (natural spans, default dollar USD), Duckling style:
/// adding a form of money is one line here and one rule in `Sources/EntityExtraction/Money`.
enum MoneyCorpus {
    static let positives: [(text: String, sums: [ExpectedSum])] = [
        // Signs, prefixed dollars and codes.
        ("NATO will spend €276 million on shells.", [sum("€276 million", "276000000", "EUR")]),
        ("The deal is worth US$4.7 billion.", [sum("US$4.7 billion", "4700000000", "USD")]),
        ("Revenue reached USD34.6 million last year.", [sum("USD34.6 million", "34600000", "USD")]),
        ("It plans to raise EUR 3.4bn in bonds.", [sum("EUR 3.4bn", "3400000000", "EUR")]),
        ("A further 3.4bn EUR was pledged.", [sum("3.4bn EUR", "3400000000", "EUR")]),
        ("The euro zone lent Greece 5 billion euros.", [sum("5 billion euros", "5000000000", "EUR")]),
        ("Prices: €1 €2 €3.", [sum("€1", "1", "EUR"), sum("€2", "2", "EUR"), sum("€3", "3", "EUR")]),
        ("It costs 5 € in Paris.", [sum("5 €", "5", "EUR")]),
        ("Exports fell to HK$10.05 billion.", [sum("HK$10.05 billion", "10050000000", "HKD")]),
        ("The miner paid A$2.5m for the site.", [sum("A$2.5m", "2500000", "AUD")]),
        ("Bank of Montreal closed at C$33.25 on Friday.", [sum("C$33.25", "33.25", "CAD")]),
        ("The grant was NZ$ 15 million.", [sum("NZ$ 15 million", "15000000", "NZD")]),
        ("Temasek put in S$2 billion.", [sum("S$2 billion", "2000000000", "SGD")]),
        ("Sales hit NT$3.5 billion.", [sum("NT$3.5 billion", "3500000000", "TWD")]),
        ("The state lent R$ 5 bilhões.", [sum("R$ 5 bilhões", "5000000000", "BRL")]),
        ("Spending reached ₹1.5 lakh crore.", [sum("₹1.5 lakh crore", "1500000000000", "INR")]),
        ("BHP earned $US5 billion and $A2m.", [sum("$US5 billion", "5000000000", "USD"), sum("$A2m", "2000000", "AUD")]),
        ("The fee is $5bn.", [sum("$5bn", "5000000000", "USD", .ambiguous)]),
        ("The budget is $1.5 trillion.", [sum("$1.5 trillion", "1500000000000", "USD", .ambiguous)]),
        ("A salary of €50k is offered.", [sum("€50k", "50000", "EUR")]),
        ("The club paid £5.5m for him.", [sum("£5.5m", "5500000", "GBP")]),
        ("It was priced at ₽1,000.", [sum("₽1,000", "1000", "RUB")]),
        ("Samsung raised ₩2 trillion.", [sum("₩2 trillion", "2000000000000", "KRW")]),
        ("A ticket costs ₺300 now.", [sum("₺300", "300", "TRY")]),
        ("Kyiv set aside ₴200 million.", [sum("₴200 million", "200000000", "UAH")]),
        ("Each block pays 6.25 BTC.", [sum("6.25 BTC", "6.25", "BTC")]),
        ("I would like to buy this item for USD 200.", [sum("USD 200", "200", "USD")]),
        ("They lost 75 USD million.", [sum("75 USD million", "75000000", "USD")]),
        ("Losses exceeded 30 MUSD last year.", [sum("30 MUSD", "30000000", "USD")]),
        ("It cost $1,500.", [sum("$1,500", "1500", "USD", .ambiguous)]),
        ("Apple will offer a $150 rebate.", [sum("$150", "150", "USD", .ambiguous)]),
        // Names, plurals and minor units.
        ("He was fined 10,000 Swiss francs.", [sum("10,000 Swiss francs", "10000", "CHF")]),
        ("Nokia paid 420 million Finnish markka.", [sum("420 million Finnish markka", "420000000", "FIM")]),
        ("Toyota earned 2.1 trillion yen.", [sum("2.1 trillion yen", "2100000000000", "JPY")]),
        ("The city invested 1.8 billion yuan.", [sum("1.8 billion yuan", "1800000000", "CNY")]),
        ("It will raise 500 million yuan RMB.", [sum("500 million yuan RMB", "500000000", "CNY")]),
        ("Exports were 127.47 million US dollars.", [sum("127.47 million US dollars", "127470000", "USD")]),
        ("It cost 10 u . s . dollars .", [sum("10 u . s . dollars", "10", "USD")]),
        ("It paid 3.5 million pounds sterling.", [sum("3.5 million pounds sterling", "3500000", "GBP")]),
        ("Operating profit rose to 361 million pounds.", [sum("361 million pounds", "361000000", "GBP", .ambiguous)]),
        ("Dassault earned 839 million francs.", [sum("839 million francs", "839000000", "CHF", .ambiguous)]),
        ("Shares fell 50 cents.", [sum("50 cents", "0.5", "USD", .ambiguous)]),
        ("The paper now costs 75p.", [sum("75p", "0.75", "GBP")]),
        ("Labor gets 25 pence a share.", [sum("25 pence", "0.25", "GBP")]),
        ("It declared a 12-cent-a-share dividend.", [sum("12-cent", "0.12", "USD", .ambiguous)]),
        ("They formed a 100 million-mark venture.", [sum("100 million-mark", "100000000", "DEM", .ambiguous)]),
        ("The loan was 35 lakh rupees.", [sum("35 lakh rupees", "3500000", "INR", .ambiguous)]),
        ("Spending reached Rs 1.2 crore.", [sum("Rs 1.2 crore", "12000000", "INR", .ambiguous)]),
        ("The loan is 12,34,567.89 rupees.", [sum("12,34,567.89 rupees", "1234567.89", "INR", .ambiguous)]),
        ("Fujitsu withdrew its one-yen bid.", [sum("one-yen", "1", "JPY")]),
        ("Its shares slid to close one penny lower.", [sum("one penny", "0.01", "GBP")]),
        // Digit grouping.
        ("The price was 1,000,000 euros.", [sum("1,000,000 euros", "1000000", "EUR")]),
        ("It sold for 1 000 000 €.", [sum("1 000 000 €", "1000000", "EUR")]),
        ("Il a payé 1.000.000,50 EUR.", [sum("1.000.000,50 EUR", "1000000.5", "EUR")]),
        // Number words and compound sums.
        ("It costs two million dollars.", [sum("two million dollars", "2000000", "USD", .ambiguous)]),
        ("He wants a billion dollars.", [sum("a billion dollars", "1000000000", "USD", .ambiguous)]),
        ("The prize is one hundred euros.", [sum("one hundred euros", "100", "EUR")]),
        ("It sold for a half-million dollars.", [sum("a half-million dollars", "500000", "USD", .ambiguous)]),
        ("It costs a quarter million US dollars.", [sum("a quarter million US dollars", "250000", "USD")]),
        ("They asked for half a million dollars.", [sum("half a million dollars", "500000", "USD", .ambiguous)]),
        ("It raised one and a half million euros.", [sum("one and a half million euros", "1500000", "EUR")]),
        ("We raised almost one point four million dollars.",
         [sum("one point four million dollars", "1400000", "USD", .ambiguous, qualifier: "nearly")]),
        ("It was expected to cost 1 billion 300 million dollars.", [sum("1 billion 300 million dollars", "1300000000", "USD", .ambiguous)]),
        ("It only cost 3 dollars 50 cents.", [sum("3 dollars 50 cents", "3.5", "USD", .ambiguous)]),
        ("It costs thirteen dollars and forty-five cents", [sum("thirteen dollars and forty-five cents", "13.45", "USD", .ambiguous)]),
        ("The subscription will increase to 17 USD 25.", [sum("17 USD 25", "17.25", "USD")]),
        // Ranges.
        ("The fund holds €5-6 billion.", [sum("€5-6 billion", "5000000000", "EUR", range: ("5000000000", "6000000000"))]),
        ("Analysts expect between $3 and $4 billion in sales.",
         [sum("$3 and $4 billion", "3000000000", "USD", .ambiguous, range: ("3000000000", "4000000000"))]),
        ("Bids ranged $1.2 million to $23.5 million.",
         [sum("$1.2 million to $23.5 million", "1200000", "USD", .ambiguous, range: ("1200000", "23500000"))]),
        ("Earnings will be between 25 cents and 30 cents a share.",
         [sum("25 cents and 30 cents", "0.25", "USD", .ambiguous, range: ("0.25", "0.3"))]),
        ("Fees were between $300,000 and $4 million.",
         [sum("$300,000 and $4 million", "300000", "USD", .ambiguous, range: ("300000", "4000000"))]),
        ("Units sold at prices ranging from $7.65 to $8.02 a share.",
         [sum("$7.65 to $8.02", "7.65", "USD", .ambiguous, range: ("7.65", "8.02"))]),
        ("Trade was between 15.6 to 21.6 billion US dollars.",
         [sum("15.6 to 21.6 billion US dollars", "15600000000", "USD", range: ("15600000000", "21600000000"))]),
        ("A coffee costs €2.50 and a stamp 80 cents.", [sum("€2.50", "2.5", "EUR"), sum("80 cents", "0.8", "EUR", .inferred, evidence: "major:EUR")]),
        ("Shoes cost about NT$20-30,000 a pair.",
         [sum("NT$20-30,000", "20000", "TWD", qualifier: "about", range: ("20000", "30000"))]),
        ("British Land added 12-1/2p to 468p.", [sum("468p", "4.68", "GBP")]),
        ("Volume was 1.2 to 1.5 million yuan.", [sum("1.2 to 1.5 million yuan", "1200000", "CNY", range: ("1200000", "1500000"))]),
        ("Prices rose from $10,000 to $120,000.",
         [sum("$10,000", "10000", "USD", .ambiguous), sum("$120,000", "120000", "USD", .ambiguous)]),
        ("Profit fell to $38.2 million from $50.5 million.",
         [sum("$38.2 million", "38200000", "USD", .ambiguous), sum("$50.5 million", "50500000", "USD", .ambiguous)]),
        // Qualifiers.
        ("He paid more than $5 million for it.", [sum("$5 million", "5000000", "USD", .ambiguous, qualifier: "more_than")]),
        ("The bill is about £200m.", [sum("£200m", "200000000", "GBP", qualifier: "about")]),
        ("It cost nearly ¥3 trillion.", [sum("¥3 trillion", "3000000000000", "JPY", .ambiguous, qualifier: "nearly")]),
        ("The city may spend up to $100 million.", [sum("$100 million", "100000000", "USD", .ambiguous, qualifier: "up_to")]),
        ("They count on at least $7 billion.", [sum("$7 billion", "7000000000", "USD", .ambiguous, qualifier: "at_least")]),
        ("Bonds grew from less than $2 billion.", [sum("$2 billion", "2000000000", "USD", .ambiguous, qualifier: "less_than")]),
        ("Some 40 firms paid roughly $9 billion.", [sum("$9 billion", "9000000000", "USD", .ambiguous, qualifier: "about")]),
        ("Two men are in a dispute over $100,000 in fees.", [sum("$100,000", "100000", "USD", .ambiguous)]),
        ("Sony has spent over $10,000 on ads.", [sum("$10,000", "10000", "USD", .ambiguous, qualifier: "more_than")]),
        ("The chain sold for some $40 million.", [sum("$40 million", "40000000", "USD", .ambiguous, qualifier: "about")]),
        ("Only ₹500 was paid.", [sum("₹500", "500", "INR")]),
        ("Net cash was minus $5 million.", [sum("$5 million", "-5000000", "USD", .ambiguous)]),
        ("Revenues went up to 8.26 trillion lei.", [sum("8.26 trillion lei", "8260000000000", "RON", .ambiguous)]),
        // Wire forms: abbreviated scales and units, a line the source wrapped, binary fractions.
        ("It offered 25 billion dlrs in notes.", [sum("25 billion dlrs", "25000000000", "USD", .ambiguous)]),
        ("The issue was priced at 1.2 billion dlr, a record.", [sum("1.2 billion dlr", "1200000000", "USD", .ambiguous)]),
        ("Profit rose to 40 mln stg from 31 mln stg.", [sum("40 mln stg", "40000000", "GBP"), sum("31 mln stg", "31000000", "GBP")]),
        ("The dividend is 62-1/2 cts a share.", [sum("62-1/2 cts", "0.625", "USD", .ambiguous)]),
        ("M-1 rose 2.1 billion\ndlrs in the week.", [sum("2.1 billion\ndlrs", "2100000000", "USD", .ambiguous)]),
        ("It would offer up to one-billion-dlr of notes.", [sum("one-billion-dlr", "1000000000", "USD", .ambiguous, qualifier: "up_to")]),
        ("It plans to sell 15-20 mln dlrs of stock.", [sum("15-20 mln dlrs", "15000000", "USD", .ambiguous, range: ("15000000", "20000000"))]),
        ("Dealers expect 14 or 15 billion marks.", [sum("14 or 15 billion marks", "14000000000", "DEM", .ambiguous, range: ("14000000000", "15000000000"))]),
        ("It will cost £10bn or £11bn.", [sum("£10bn", "10000000000", "GBP"), sum("£11bn", "11000000000", "GBP")]),
        ("The club spent 120m euros on players.", [sum("120m euros", "120000000", "EUR")]),
        ("Homes are worth more than a trillion pounds.", [sum("a trillion pounds", "1000000000000", "GBP", .ambiguous, qualifier: "more_than")]),
        ("Emaar earned Dh5bn and Aramco SR10m.", [sum("Dh5bn", "5000000000", "AED", .ambiguous), sum("SR10m", "10000000", "SAR")]),
        ("Egypt raised LE5m and Nigeria N500bn.", [sum("LE5m", "5000000", "EGP"), sum("N500bn", "500000000000", "NGN")]),
        ("Jakarta approved Rp 5 trillion.", [sum("Rp 5 trillion", "5000000000000", "IDR")]),
        ("Gazprom paid 20bn roubles.", [sum("20bn roubles", "20000000000", "RUB", .ambiguous)]),
        // Resolution of bare signs from the article's explicit sums.
        ("The miner spent A$5m in March and $3m in April.",
         [sum("A$5m", "5000000", "AUD"), sum("$3m", "3000000", "AUD", .inferred, evidence: "earlier:A$")]),
        ("Civil servants earn Z$1,000 ($100) a month; bread costs Z$5.",
         [sum("Z$1,000", "1000", "ZWL"), sum("$100", "100", "USD", .ambiguous), sum("Z$5", "5", "ZWL")]),
        ("The firm earned 3 billion yuan, or ¥3 billion by another count.",
         [sum("3 billion yuan", "3000000000", "CNY"), sum("¥3 billion", "3000000000", "CNY", .inferred, evidence: "earlier:yuan")]),
        ("It has 41.4 billion Canadian dollars (US$35.2 billion) of bonds; $2 billion matures soon.",
         [sum("41.4 billion Canadian dollars", "41400000000", "CAD"), sum("US$35.2 billion", "35200000000", "USD"),
          sum("$2 billion", "2000000000", "USD", .ambiguous)]),
    ]

    /// Texts with no sum of money in them.
    static let negatives: [String] = [
        // a currency's region: the number counts places
        "In contrast, the 12 Euro zone countries will put in a lacklustre performance.",
        "The 19 euro-area states agreed.",
        "Fourteen CFA franc zone members met in Dakar.",
        // A paragraph break ends a sum; a bare letter is a scale only before a currency or after a sign.
        "Profit was 40\n\nMarks and Spencer said sales rose.", "Profit was 40\n    Dollar stores did well.",
        "He ran the 120m hurdles and wore N95 masks.", "Sales were running at 5.8 million units.",
        "Norway's fund owns 1.2 trillion crowns of shares.",
        // Orders of magnitude are no figure (OntoNotes counts them: see MoneyCorpusTests).
        "Projects cost billions of dollars.", "Parliament ended a multibillion-dollar dam.",
        "It became a multi-million pound business.", "Tens of thousands of euros went missing.",
        "In 2023 the team grew to 40 people.",
        "Inflation hit 5.5% in May, up from 4.2 percent.",
        "Call 555-1234 or 1-800-555-0199 today.",
        "The book runs 320 pages.",
        "He won the 100m sprint.",
        "The lens is 122mm wide.",
        "She scored 3 goals in 90 minutes.",
        "ALL 5 solutions are wrong.",
        "I counted the dollars thousand of times.",
        "The dollar rose against the euro.",
        "China exported 65 million pounds of mushrooms.",
        "He lost 25 pounds.",
        "The video streams at 1080p.",
        "Give us 5 minutes.",
        "All seventeen tests were successful.",
        "Prices are expressed in 1989 dollars.",
        "He warmed to a penny-stock peddler.",
        "The 1957 Rand novel sold well.",
        "The bill passed 52-48 on March 3, 2024.",
        "The 5 to 10 year plan failed.",
        "A million people marched.",
        "Half-year ended June 30, 1996 (in millions of yuan unless stated).",
        "PARIS 1996-08-28 Euro 96 star Vladimir Smicer scored.",
        "USD/JPY 150.20 and EUR/USD 1.0850 at the close.",
        "The Red Sox climbed to the .500 mark; Phil Mickelson through 7 - 2 Mark Brooks.",
        "Shares rose a further 4.10 to 214.40.",
    ]
}
