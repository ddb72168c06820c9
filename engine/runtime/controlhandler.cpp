// The host side of the control socket (control.h): requests become Engine operations.
#include "signalbox/codecs.h"
#include "signalbox/engine.h"
#include "signalbox/validator.h"

#include <QFile>

#include <stdexcept>

namespace Signalbox {

namespace {

std::string text(const Json &request, const char *key, bool required = false)
{
    auto it = request.find(key);
    if (it == request.end() || it->is_null()) {
        if (required)
            throw std::runtime_error(std::string("the request has no \"") + key + "\"");
        return {};
    }
    if (!it->is_string())
        throw std::runtime_error(std::string("\"") + key + "\" must be a string");
    return it->get<std::string>();
}

Json answer(Engine &engine, const OperationResult &r)
{
    if (!r.ok)
        throw std::runtime_error(r.error);
    engine.flush(); // durable before the client hears "ok"
    return r.value;
}

Definition loadValid(const std::string &file, std::string *source)
{
    Diagnostics diags;
    std::optional<Definition> def = loadDefinitionFile(file, diags);
    if (def)
        validateDefinition(*def, diags);
    if (!def || diags.hasErrors())
        throw std::runtime_error("the workflow is not valid:\n" + diags.formatAll());
    QFile f(QString::fromStdString(file));
    if (!f.open(QIODevice::ReadOnly))
        throw std::runtime_error("cannot read " + file);
    *source = f.readAll().toStdString();
    return *def;
}

Json start(Engine &engine, const Json &request)
{
    const std::string file = text(request, "file", true);
    std::string source;
    const Definition def = loadValid(file, &source);
    const Json input = request.contains("input") && !request["input"].is_null() ? request["input"]
                                                                                : Json::object();
    const bool simulate = request.value("simulate", false);
    return answer(engine, engine.start(def, source, QString::fromStdString(file), input,
                                       text(request, "name"), simulate));
}

} // namespace

Json handleControlRequest(Engine &engine, const Json &request)
{
    if (!request.is_object())
        throw std::runtime_error("a request must be a JSON object");
    const std::string command = text(request, "command", true);
    if (command == "start")
        return start(engine, request);
    if (command == "heartbeat" && request.contains("token") && !request["token"].is_null())
        return answer(engine, engine.heartbeatTask(text(request, "token")));
    const std::string execution = text(request, "execution", true);
    if (command == "heartbeat")
        return answer(engine, engine.heartbeat(execution, text(request, "state")));
    if (command == "approve" || command == "reject") {
        const Json fields = request.value("fields", Json::object());
        const std::string state = text(request, "state");
        const std::string by = text(request, "by");
        const std::string comment = text(request, "comment");
        return answer(engine, command == "approve"
                                  ? engine.approve(execution, state, by, comment, fields)
                                  : engine.reject(execution, state, by, comment, fields));
    }
    if (command == "send-event") {
        return answer(engine, engine.sendEvent(execution, text(request, "event", true),
                                               request.value("payload", Json())));
    }
    if (command == "complete") {
        const std::string state = text(request, "state", true);
        const std::string by = text(request, "by");
        if (request.contains("error") && !request["error"].is_null())
            return answer(engine, engine.failActivity(execution, state, text(request, "error"),
                                                      text(request, "cause"), by));
        return answer(
            engine, engine.completeActivity(execution, state, request.value("output", Json()), by));
    }
    if (command == "cancel")
        return answer(engine,
                      engine.cancel(execution, text(request, "by"), text(request, "reason")));
    if (command == "redrive") {
        std::optional<Json> input;
        if (request.contains("input") && !request["input"].is_null())
            input = request["input"];
        // Optional "file": redrive onto that (newer) version of the workflow.
        const std::string file = text(request, "file");
        if (file.empty())
            return answer(engine, engine.redrive(execution, input));
        std::string source;
        const Definition def = loadValid(file, &source);
        return answer(engine, engine.redrive(execution, input, &def, source));
    }
    throw std::runtime_error("unknown command '" + command + "'");
}

} // namespace Signalbox
