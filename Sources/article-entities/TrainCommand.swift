import EntityExtraction
import Foundation

/// `article-entities train`: trains the name tagger from annotated JSONL and writes the
/// model file; with `--evaluate MODEL` it only scores an existing model on `--dev`.
enum TrainCommand {
    static let summary = "Train the name tagger from annotated JSONL."
    static let help = """
    USAGE: article-entities train --train FILE.jsonl[,FILE.jsonl…] [--dev FILE.jsonl] [--epochs N] [--seed N]
                                  [--row-bits N] [--stages 1|2] [--folds N] [--stage2-epochs N] [--orders N] [--name-lists FILE.jsonl[,…]] --out MODEL
           article-entities train --evaluate MODEL --dev FILE.jsonl [--predictions OUT.jsonl]

    Trains the averaged-perceptron name tagger (people, organisations, places) on JSONL lines
    {"id","text","entities":[{"start","end","type"}]} (code point offsets) and prints the
    exact span-and-type F1 on --dev after each epoch. Deterministic for a given --seed.
      --epochs N      passes over the training texts (default 10)
      --seed N        shuffling seed (default 1)
      --row-bits N    log2 of the hashed weight table's rows (default 18)
      --stages N      1: one perceptron; 2 (default): a second one reading the first's tags
      --folds N       folds for cross-tagging stage two's training input (default 2)
      --stage2-epochs N  passes for stage two (default: --epochs)
      --orders N      perceptrons per stage, each in its own seeded text order, averaged (default 1)
      --name-lists F  annotated JSONL from another corpus whose person and organisation names
                      become gazetteer lists (saved, hashed, in the model file)
      --predictions   write {"id","entities":[{"start","end","type"}]} lines for data/score.py
    """

    static func run(_ arguments: [String]) throws -> Int32 {
        var options: [String: String] = [:]
        var i = 0
        while i < arguments.count {
            let name = arguments[i]
            guard name.hasPrefix("--"), i + 1 < arguments.count else {
                if name == "--help" || name == "-h" { print(help); return 0 }
                printError("unexpected argument \(name)\n\(help)")
                return 2
            }
            options[String(name.dropFirst(2))] = arguments[i + 1]
            i += 2
        }
        let known: Set = ["train", "dev", "epochs", "seed", "row-bits", "stages", "folds", "out", "evaluate", "predictions", "name-lists", "stage2-epochs", "orders"]
        if let unknown = options.keys.first(where: { !known.contains($0) }) {
            printError("unknown option --\(unknown)\n\(help)")
            return 2
        }
        if let modelPath = options["evaluate"] {
            guard let devPath = options["dev"] else { printError("--evaluate needs --dev\n\(help)"); return 2 }
            let tagger = try PerceptronNameTagger(contentsOf: URL(fileURLWithPath: modelPath))
            let dev = try NameCorpus.load(URL(fileURLWithPath: devPath))
            report(tagger, on: dev, predictionsPath: options["predictions"])
            return 0
        }
        guard let trainPath = options["train"], let outPath = options["out"] else {
            printError("--train and --out are required\n\(help)")
            return 2
        }
        guard let epochs = Int(options["epochs"] ?? "10"), epochs >= 1,
              let seed = UInt64(options["seed"] ?? "1"),
              let rowBits = Int(options["row-bits"] ?? "18"), (12...22).contains(rowBits) else {
            printError("--epochs, --seed and --row-bits take whole numbers (row bits 12...22)")
            return 2
        }
        let started = Date()
        // Several files may be given, comma-separated; a file named twice counts twice.
        let train = try trainPath.split(separator: ",").flatMap { try NameCorpus.load(URL(fileURLWithPath: String($0))) }
        let dev = try options["dev"].map { try NameCorpus.load(URL(fileURLWithPath: $0)) } ?? []
        guard let stages = Int(options["stages"] ?? "2"), (1...2).contains(stages) else {
            printError("--stages takes 1 or 2")
            return 2
        }
        guard let folds = Int(options["folds"] ?? "2"), (2...10).contains(folds) else {
            printError("--folds takes 2...10")
            return 2
        }
        var gazetteer = try Gazetteer.loadBundled()
        for path in options["name-lists"]?.split(separator: ",") ?? [] {
            gazetteer.addNames(from: try NameCorpus.load(URL(fileURLWithPath: String(path))))
        }
        var trainer = NameTrainer(epochs: epochs, seed: seed, rowBits: rowBits, stages: stages, gazetteer: gazetteer)
        trainer.crossFolds = folds
        if let text = options["orders"] {
            guard let n = Int(text), (1...8).contains(n) else { printError("--orders takes 1...8"); return 2 }
            trainer.orders = n
        }
        if let text = options["stage2-epochs"] {
            guard let n = Int(text), n >= 1 else { printError("--stage2-epochs takes a whole number"); return 2 }
            trainer.secondStageEpochs = n
        }
        let tagger = trainer.train(train, dev: dev) { line in
            print(String(format: "[%6.1fs] ", Date().timeIntervalSince(started)) + line)
            fflush(nil)
        }
        let data = tagger.modelData()
        try data.write(to: URL(fileURLWithPath: outPath))
        print(String(format: "[%6.1fs] wrote %@ (%d bytes)", Date().timeIntervalSince(started), outPath, data.count))
        if let predictions = options["predictions"], !dev.isEmpty {
            report(tagger, on: dev, predictionsPath: predictions)
        }
        return 0
    }

    /// Tags every text, prints the score and optionally writes score.py's prediction lines.
    static func report(_ tagger: PerceptronNameTagger, on texts: [AnnotatedText], predictionsPath: String?) {
        var score = NameScore()
        var lines: [String] = []
        var taggingTime = 0.0, tokenCount = 0
        for text in texts {
            let document = Document(text: text.text)
            let started = clock()  // CPU time: the machine is shared, wall time says little
            let predicted = tagger.tag(document)
            taggingTime += Double(clock() - started) / Double(CLOCKS_PER_SEC)
            tokenCount += document.tokens.count
            score.add(gold: text.names, predicted: predicted)
            let entities = predicted.map { ["start": $0.start, "end": $0.end, "type": $0.type.rawValue] as [String: Any] }
            if predictionsPath != nil,
               let json = try? JSONSerialization.data(withJSONObject: ["id": text.id, "entities": entities], options: [.sortedKeys]) {
                lines.append(String(decoding: json, as: UTF8.self))
            }
        }
        print(score.report)
        print(String(format: "tagged %d tokens in %.3f CPU s: %.0f tokens per CPU second (tag only, one thread)",
                     tokenCount, taggingTime, Double(tokenCount) / max(taggingTime, 1e-9)))
        if let path = predictionsPath {
            try? (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            print("wrote \(lines.count) prediction lines to \(path)")
        }
    }

    static func printError(_ message: String) {
        StandardError.write(message + "\n")
    }
}
