import FrontierSettings
import FrontierSupport

// `results.jsonl` lines and the web view's `run` events, written directly (`JSONLine`):
// the fields in sorted key order, as `RunRecord`'s `Encodable` conformance encodes them.

extension RunRecord: JSONLineWritable {
    public func write(to line: inout JSONLine) { write(to: &line, withReport: true) }

    /// The record's line without its `report` field: what a live view of many runs needs (the
    /// report is often tens of kilobytes, hundreds for an image dataset's explanation).
    public var lineWithoutReport: String {
        var line = JSONLine(convertsKeysToSnakeCase: false)
        write(to: &line, withReport: false)
        if let text = line.exactText { return text }
        var copy = self
        copy.report = .null
        return copy.encodedLine
    }

    func write(to line: inout JSONLine, withReport: Bool) {
        line.beginObject()
        line.key("dataset"); line.string(dataset)
        if let evaluationSeconds { line.key("evaluation_seconds"); line.number(evaluationSeconds) }
        line.key("job_kind"); line.string(jobKind)
        line.key("objectives"); line.numbers(objectives)
        line.key("parameters"); line.numbers(parameters)
        if withReport { line.key("report"); report.write(to: &line) }
        line.key("seed"); line.integer(seed)
        line.key("shard_id"); line.integer(shardID)
        line.key("sweep_id"); line.string(sweepID)
        line.key("task_id"); line.string(taskID)
        if let trainingSeconds { line.key("training_seconds"); line.number(trainingSeconds) }
        line.key("worker"); line.string(worker)
        line.endObject()
    }
}

extension SettingValue: JSONLineWritable {
    public func write(to line: inout JSONLine) {
        switch self {
        case .null: line.null()
        case .bool(let value): line.bool(value)
        case .number(let value): line.number(value)
        case .string(let value): line.string(value)
        case .list(let values):
            line.beginArray()
            for value in values { value.write(to: &line) }
            line.endArray()
        case .map(let values):
            line.beginObject()
            for key in values.keys.sorted(by: JSONLine.precedes) {
                line.dictionaryKey(key)
                values[key]!.write(to: &line)
            }
            line.endObject()
        }
    }
}
