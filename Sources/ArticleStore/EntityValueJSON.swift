import EntityExtraction
import Foundation

/// An entity's value as stored in `entities.value_json`: the Codable form of
/// `MoneyValue` or `DateValue`; the entity's type says which.
enum EntityValueJSON {
    static func encode(_ value: EntityValue?) throws -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data: Data
        switch value {
        case nil: return nil
        case .money(let money)?: data = try encoder.encode(money)
        case .date(let date)?: data = try encoder.encode(date)
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func decode(_ json: String?, type: EntityType) throws -> EntityValue? {
        guard let json else { return nil }
        let data = Data(json.utf8)
        do {
            switch type {
            case .money: return .money(try JSONDecoder().decode(MoneyValue.self, from: data))
            case .date: return .date(try JSONDecoder().decode(DateValue.self, from: data))
            case .person, .organisation, .place: throw StoreError.corrupt("a \(type.rawValue) with a value")
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.corrupt("bad value_json \(json): \(error)")
        }
    }
}
