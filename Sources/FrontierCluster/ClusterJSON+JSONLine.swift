import FrontierSupport

// The values the web view sends thousands of times a second, written directly (`JSONLine`):
// fields in sorted key order, as their `Encodable` conformances encode them.

extension ClusterJSON.Front: JSONLineWritable {
    public func write(to line: inout JSONLine) {
        line.beginObject()
        line.key("done"); line.bool(done)
        line.key("hypervolume"); line.number(hypervolume)
        if let objectives { line.key("objectives"); line.strings(objectives) }
        line.key("reference_point"); line.numbers(referencePoint)
        line.key("rows")
        line.beginArray()
        for row in rows { row.write(to: &line) }
        line.endArray()
        line.key("sequence"); line.integer(sequence)
        line.key("sweep_id"); line.string(sweepID)
        line.endObject()
    }
}

extension ClusterJSON.Row: JSONLineWritable {
    public func write(to line: inout JSONLine) {
        line.beginObject()
        line.key("dataset"); line.string(dataset)
        line.key("label"); line.string(label)
        line.key("last_task_id"); line.string(lastTaskID)
        line.key("last_worker"); line.string(lastWorker)
        line.key("objective_means"); line.numbers(objectiveMeans)
        line.key("objective_stds"); line.numbers(objectiveStds)
        line.key("on_front"); line.bool(onFront)
        line.key("parameters"); line.numbers(parameters)
        line.key("replicates_done"); line.integer(replicatesDone)
        line.key("row_key"); line.string(rowKey)
        line.endObject()
    }
}

extension ClusterJSON.HypervolumePoint: JSONLineWritable {
    public func write(to line: inout JSONLine) {
        line.beginObject()
        line.key("hypervolume"); line.number(hypervolume)
        line.key("sequence"); line.integer(sequence)
        line.key("time"); line.number(time)
        line.endObject()
    }
}
