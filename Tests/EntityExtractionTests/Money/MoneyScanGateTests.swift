import XCTest
@testable import EntityExtraction

/// The per-token lookups and the currency-reach gate that let the money and date scans
/// skip most tokens: they must find exactly what the rules would find without them.
final class MoneyScanGateTests: XCTestCase {
    func testLexiconIndexMatchesItsDictionary() {
        let index = LexiconIndex(["march": 3, "may": 5, "milhão": 7])
        XCTAssertEqual(index["march"], 3)
        XCTAssertEqual(index["may"], 5)
        XCTAssertNil(index["marc"])
        XCTAssertNil(index["March"])
        XCTAssertNil(index[""])
        // non-ASCII words go to the dictionary, so a decomposed spelling still matches
        XCTAssertEqual(index["milhão"], 7)
        XCTAssertEqual(index["milha\u{0303}o"], 7)
    }

    func testCurrencyFlagsMarkOnlyReadableCurrencies() {
        let document = Document(text: "The CEO of IBM paid 5 USD and u.s. dollars, not a cat.")
        let grammar = MoneyGrammar(document: document)
        let currencyLike = document.tokens.indices.filter { grammar.lexicon.nextCurrency[$0] == $0 }
            .map { document.tokens[$0].text }
        XCTAssertEqual(currencyLike, ["USD", "u.s.", "dollars"])
    }

    func testLongNumberWordsStillReachTheirCurrency() {
        let text = "The deal, worth one hundred and twenty-three million four hundred and fifty-six thousand seven hundred and eighty-nine dollars, closed."
        let matches = MoneyRecognizer().recognize(Document(text: text))
        XCTAssertEqual(matches.count, 1)
        XCTAssertEqual(matches.first?.value.amount, 3456789)
        XCTAssertEqual(matches.first?.value.currency, "USD")
        XCTAssertEqual(matches.first?.end, text.unicodeScalars.count - ", closed.".unicodeScalars.count)
    }

    func testDateWordsCarryEveryTable() {
        let table = DateWord.table
        let may = table.entries[Int(table.ids["may"] ?? 0)]
        XCTAssertEqual(may.months, 5)
        XCTAssertTrue(may.ambiguousMonths)
        XCTAssertTrue(may.holidayFirst)
        let more = table.entries[Int(table.ids["more"] ?? 0)]
        XCTAssertEqual(more.qualifierSecondWord, "than")
        XCTAssertNil(may.qualifierSecondWord)
        XCTAssertNil(table.ids["dollar"])
    }
}
