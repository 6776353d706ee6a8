import NIOCore
import Vapor

/// Reads a request body as it arrives, with a size cap, a deadline and an optional early verdict,
/// then leaves it collected on the request so routes and `req.content` read it as usual, or
/// hands it chunk by chunk to a sink (an upload's file on disk).
///
/// Why not `req.body.collect(max:)`: it holds the connection until the whole body is in, however
/// slowly it comes, and cannot refuse a forged form before its six megabytes have been read.
enum StreamedBody {
    /// What the inspector says of the bytes received so far.
    enum Verdict: Sendable {
        /// Not enough bytes yet to decide.
        case undecided
        /// Keep reading to the end.
        case accept
        /// Stop here: the answer is this error, whatever follows.
        case reject(LogisError)
    }

    typealias Inspector = @Sendable (ByteBuffer) -> Verdict

    /// Collects the body, refusing it as soon as it passes `limit` bytes, takes longer than
    /// `deadline`, or the inspector rejects its beginning.
    static func collect(
        _ request: Request, limit: Int, deadline: TimeAmount, inspect: Inspector? = nil
    ) async throws {
        guard let body = try await read(request, limit: limit, deadline: deadline, inspect: inspect, sink: nil) else {
            return
        }
        try request.content.encode(RawBody(buffer: body), using: RawBodyEncoder())
    }

    /// Where a spooled body goes: each chunk with its offset; the next chunk waits for the future.
    typealias Sink = @Sendable (_ chunk: ByteBuffer, _ offset: Int64) -> EventLoopFuture<Void>

    /// Hands the body to `sink` as it arrives, within the same bounds as `collect`. Only the bytes
    /// the inspector needed stay in memory: they are put back on the request, where the form-token
    /// check reads the first part.
    static func spool(
        _ request: Request, into sink: @escaping Sink, limit: Int, deadline: TimeAmount, inspect: Inspector? = nil
    ) async throws {
        if let collected = request.body.data {
            try await checkCollected(collected, limit: limit, inspect: inspect)
            try await request.eventLoop.flatSubmit { sink(collected, 0) }.get()
            return
        }
        guard let head = try await read(request, limit: limit, deadline: deadline, inspect: inspect, sink: sink) else {
            return
        }
        try request.content.encode(RawBody(buffer: head), using: RawBodyEncoder())
    }

    private static func checkCollected(_ collected: ByteBuffer, limit: Int, inspect: Inspector?) async throws {
        guard collected.readableBytes <= limit else { throw LogisError.payloadTooLarge }
        if let inspect, case .reject(let error) = inspect(collected) { throw error }
    }

    /// Reads the body off the connection; nil when it had already been collected (and checked).
    private static func read(
        _ request: Request, limit: Int, deadline: TimeAmount, inspect: Inspector?, sink: Sink?
    ) async throws -> ByteBuffer? {
        let declared = request.headers.first(name: .contentLength).flatMap(Int.init)
        if let declared, declared > limit { throw LogisError.payloadTooLarge }
        if let collected = request.body.data {
            try await checkCollected(collected, limit: limit, inspect: inspect)
            return nil
        }
        let reading = Reading(
            eventLoop: request.eventLoop, limit: limit, declared: declared, inspect: inspect, sink: sink)
        let timeout = request.eventLoop.scheduleTask(in: deadline) { reading.finish(.failure(LogisError.bodyTooSlow)) }
        request.body.drain { part in reading.receive(part) }
        let outcome: Result<ByteBuffer, any Error>
        do {
            outcome = .success(try await reading.result.get())
        } catch {
            outcome = .failure(error)
        }
        timeout.cancel()
        // A write still under way when the read was cut short ends before the caller closes the file.
        try? await reading.settled().get()
        return try outcome.get()
    }

    /// The state of one read, touched only on the request's event loop.
    private final class Reading: @unchecked Sendable {
        let eventLoop: any EventLoop
        let limit: Int
        let declared: Int?
        let inspect: Inspector?
        let sink: Sink?
        let promise: EventLoopPromise<ByteBuffer>
        /// The whole body, or with a sink only the beginning the inspector reads.
        var buffer = ByteBuffer()
        var received = 0
        var decided = false
        var finished = false
        var lastWrite: EventLoopFuture<Void>

        init(eventLoop: any EventLoop, limit: Int, declared: Int?, inspect: Inspector?, sink: Sink?) {
            self.eventLoop = eventLoop
            self.limit = limit
            self.declared = declared
            self.inspect = inspect
            self.sink = sink
            self.promise = eventLoop.makePromise()
            self.decided = inspect == nil
            self.lastWrite = eventLoop.makeSucceededVoidFuture()
        }

        var result: EventLoopFuture<ByteBuffer> { promise.futureResult }

        /// Succeeds once no write to the sink is under way.
        func settled() -> EventLoopFuture<Void> {
            eventLoop.flatSubmit { self.lastWrite.recover { _ in } }
        }

        func receive(_ part: BodyStreamResult) -> EventLoopFuture<Void> {
            // A request without a body is "drained" at once, on the caller's task, not on the loop.
            guard eventLoop.inEventLoop else {
                return eventLoop.flatSubmit { self.receive(part) }
            }
            // Once answered, the rest of the body is read and dropped so the connection can go on.
            guard !finished else { return eventLoop.makeSucceededVoidFuture() }
            switch part {
            case .buffer(let chunk):
                return take(chunk)
            case .end:
                if let declared, received != declared {
                    // The client hung up before the length it announced: not a body to act on.
                    finish(.failure(LogisError.badRequest))
                } else if !decided, let inspect, case .reject(let error) = inspect(buffer) {
                    finish(.failure(error))
                } else {
                    finish(.success(buffer))
                }
            case .error(let error):
                finish(.failure(error))
            }
            return eventLoop.makeSucceededVoidFuture()
        }

        private func take(_ chunk: ByteBuffer) -> EventLoopFuture<Void> {
            let offset = received
            received += chunk.readableBytes
            guard received <= limit else {
                finish(.failure(LogisError.payloadTooLarge))
                return eventLoop.makeSucceededVoidFuture()
            }
            if sink == nil || !decided {
                var copy = chunk
                buffer.writeBuffer(&copy)
            }
            if !decided, let inspect {
                switch inspect(buffer) {
                case .undecided: break
                case .accept: decided = true
                case .reject(let error): finish(.failure(error))
                }
            }
            guard let sink, !finished else { return eventLoop.makeSucceededVoidFuture() }
            // The connection reads its next bytes only when this write is done: what waits in
            // memory is one chunk, whatever the body's size.
            let write = sink(chunk, Int64(offset))
            lastWrite = write
            return write.flatMapError { error in
                self.finish(.failure(error))
                return self.eventLoop.makeSucceededVoidFuture()
            }
        }

        func finish(_ outcome: Result<ByteBuffer, any Error>) {
            guard eventLoop.inEventLoop else {
                eventLoop.execute { self.finish(outcome) }
                return
            }
            guard !finished else { return }
            finished = true
            buffer = ByteBuffer()
            promise.completeWith(outcome)
        }
    }
}

/// The bytes of a body that was read by hand, put back on the request unchanged.
private struct RawBody: Encodable {
    let buffer: ByteBuffer
    func encode(to encoder: any Encoder) throws {}
}

/// Writes a `RawBody` as it is and leaves the headers (the multipart boundary) alone.
private struct RawBodyEncoder: ContentEncoder {
    func encode<E: Encodable>(_ encodable: E, to body: inout ByteBuffer, headers: inout HTTPHeaders) throws {
        guard var raw = (encodable as? RawBody)?.buffer else { throw LogisError.internalError }
        body.writeBuffer(&raw)
    }
}
