#include "aslcommon.h"

#include "signalbox/jsonread.h"

#include <cmath>

namespace Signalbox::Asl {

std::string composeComment(const std::string &comment, const Json &extras)
{
    if (!extras.is_object() || extras.empty())
        return comment;
    std::string out = comment;
    if (!out.empty())
        out += '\n';
    return out + extrasPrefix + extras.dump();
}

void splitComment(const std::string &text, std::string *comment, Json *extras)
{
    *comment = text;
    *extras = Json::object();
    const std::size_t lineStart = text.rfind('\n') == std::string::npos ? 0 : text.rfind('\n') + 1;
    const std::string last = text.substr(lineStart);
    if (last.rfind(extrasPrefix, 0) != 0)
        return;
    const std::optional<Json> parsed
        = readJson(std::string_view(last).substr(std::string_view(extrasPrefix).size()));
    if (!parsed || !parsed->is_object())
        return; // not ours after all: keep the whole text as the comment
    *extras = *parsed;
    *comment = text.substr(0, lineStart == 0 ? 0 : lineStart - 1);
}

static Json number(double v)
{
    if (std::floor(v) == v && std::fabs(v) < 1e15)
        return Json(static_cast<long long>(v));
    return Json(v);
}

Json retryToAsl(const RetryPolicy &p)
{
    Json r = Json::object();
    r["ErrorEquals"] = p.errors;
    // ASL wants a positive whole number of seconds.
    r["IntervalSeconds"]
        = std::max<long long>(1, static_cast<long long>(std::ceil(p.intervalSeconds)));
    r["MaxAttempts"] = std::max(0, p.attempts - 1);
    r["BackoffRate"] = p.backoff == RetryPolicy::Backoff::Exponential ? p.backoffRate : 1.0;
    if (p.maxDelaySeconds)
        r["MaxDelaySeconds"] = std::max<long long>(1, static_cast<long long>(*p.maxDelaySeconds));
    if (p.jitter == RetryPolicy::Jitter::Full)
        r["JitterStrategy"] = "FULL";
    return r;
}

RetryPolicy retryFromAsl(const Json &retrier)
{
    RetryPolicy p;
    p.errors.clear();
    for (const Json &e : retrier.value("ErrorEquals", Json::array()))
        p.errors.push_back(e.get<std::string>());
    p.attempts = retrier.value("MaxAttempts", 3) + 1;
    p.intervalSeconds = retrier.value("IntervalSeconds", 1.0);
    const double rate = retrier.value("BackoffRate", 2.0);
    if (rate == 1.0) {
        p.backoff = RetryPolicy::Backoff::Fixed;
    } else {
        p.backoff = RetryPolicy::Backoff::Exponential;
        p.backoffRate = rate;
    }
    if (retrier.contains("MaxDelaySeconds"))
        p.maxDelaySeconds = retrier["MaxDelaySeconds"].get<double>();
    if (retrier.value("JitterStrategy", std::string()) == "FULL")
        p.jitter = RetryPolicy::Jitter::Full;
    return p;
}

static const char *backoffName(RetryPolicy::Backoff b)
{
    switch (b) {
    case RetryPolicy::Backoff::Fixed:
        return "fixed";
    case RetryPolicy::Backoff::Linear:
        return "linear";
    case RetryPolicy::Backoff::Exponential:
        break;
    }
    return "exponential";
}

Json retryToYamlForm(const RetryPolicy &p)
{
    Json j = Json::object();
    j["errors"] = p.errors;
    j["attempts"] = p.attempts;
    j["backoff"] = backoffName(p.backoff);
    j["interval_seconds"] = number(p.intervalSeconds);
    j["backoff_rate"] = p.backoffRate;
    if (p.maxDelaySeconds)
        j["max_delay_seconds"] = number(*p.maxDelaySeconds);
    j["jitter"] = p.jitter == RetryPolicy::Jitter::Full ? "full" : "none";
    return j;
}

std::optional<RetryPolicy> retryFromYamlForm(const Json &j)
{
    if (!j.is_object())
        return std::nullopt;
    try {
        RetryPolicy p;
        if (j.contains("errors"))
            p.errors = j["errors"].get<std::vector<std::string>>();
        p.attempts = j.value("attempts", p.attempts);
        const std::string backoff = j.value("backoff", std::string("exponential"));
        if (backoff == "fixed")
            p.backoff = RetryPolicy::Backoff::Fixed;
        else if (backoff == "linear")
            p.backoff = RetryPolicy::Backoff::Linear;
        p.intervalSeconds = j.value("interval_seconds", p.intervalSeconds);
        p.backoffRate = j.value("backoff_rate", p.backoffRate);
        if (j.contains("max_delay_seconds"))
            p.maxDelaySeconds = j["max_delay_seconds"].get<double>();
        if (j.value("jitter", std::string("none")) == "full")
            p.jitter = RetryPolicy::Jitter::Full;
        return p;
    } catch (const Json::exception &) {
        return std::nullopt;
    }
}

Json executorToYamlForm(const Executor &e)
{
    Json j = Json::object();
    switch (e.kind) {
    case Executor::Kind::None:
        return j;
    case Executor::Kind::Command:
        j["command"] = e.argv;
        break;
    case Executor::Kind::Shell:
        j["shell"] = e.shell;
        break;
    case Executor::Kind::Http: {
        Json http = Json::object();
        http["method"] = e.http.method;
        http["url"] = e.http.url;
        if (!e.http.headers.empty()) {
            Json headers = Json::object();
            for (const auto &[k, v] : e.http.headers)
                headers[k] = v;
            http["headers"] = headers;
        }
        if (e.http.body)
            http["body"] = *e.http.body;
        j["http"] = http;
        break;
    }
    }
    if (!e.env.empty())
        j["env"] = e.env;
    return j;
}

std::optional<Executor> executorFromYamlForm(const Json &j)
{
    if (!j.is_object())
        return std::nullopt;
    try {
        Executor e;
        if (j.contains("command")) {
            e.kind = Executor::Kind::Command;
            e.argv = j["command"].get<std::vector<std::string>>();
        } else if (j.contains("shell")) {
            e.kind = Executor::Kind::Shell;
            e.shell = j["shell"].get<std::string>();
        } else if (j.contains("http")) {
            const Json &http = j["http"];
            e.kind = Executor::Kind::Http;
            e.http.method = http.value("method", std::string("GET"));
            e.http.url = http.value("url", std::string());
            const Json headers = http.value("headers", Json::object());
            for (const auto &[k, v] : headers.items())
                e.http.headers.emplace_back(k, v.get<std::string>());
            if (http.contains("body"))
                e.http.body = http["body"];
        } else {
            return std::nullopt;
        }
        if (j.contains("env"))
            e.env = j["env"].get<std::map<std::string, std::string>>();
        return e;
    } catch (const Json::exception &) {
        return std::nullopt;
    }
}

Json formFieldToYamlForm(const FormField &f)
{
    Json j = Json::object();
    j["name"] = f.name;
    j["type"] = f.type;
    if (!f.label.empty())
        j["label"] = f.label;
    if (f.required)
        j["required"] = true;
    if (!f.options.empty())
        j["options"] = f.options;
    return j;
}

std::optional<FormField> formFieldFromYamlForm(const Json &j)
{
    if (!j.is_object() || !j.contains("name") || !j["name"].is_string())
        return std::nullopt;
    try {
        FormField f;
        f.name = j["name"].get<std::string>();
        f.type = j.value("type", f.type);
        f.label = j.value("label", std::string());
        f.required = j.value("required", false);
        if (j.contains("options"))
            f.options = j["options"].get<std::vector<std::string>>();
        return f;
    } catch (const Json::exception &) {
        return std::nullopt;
    }
}

std::string pointerAppend(const std::string &pointer, const std::string &token)
{
    std::string out = pointer + '/';
    for (const char c : token) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

} // namespace Signalbox::Asl
