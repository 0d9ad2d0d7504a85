/// `article-entities train`: trains the name tagger. (Stub until the tagger lands.)
enum TrainCommand {
    static let summary = "Train the name tagger from annotated JSONL."
    static let help = """
    USAGE: article-entities train --train FILE.jsonl [--dev FILE.jsonl] --out MODEL
    """

    static func run(_ arguments: [String]) throws -> Int32 {
        print(help)
        return 2
    }
}
