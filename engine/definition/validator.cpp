// validateDefinition(): semantic checks over a Definition. Every problem becomes a diagnostic at
// the location the reader recorded; nothing throws. Structural problems (unknown fields, wrong
// types) were already reported by the reader.
#include "signalbox/validator.h"

#include "signalbox/intrinsics.h"
#include "signalbox/jsonpath.h"
#include "signalbox/statetypes.h"

#include <QDateTime>

#include <map>
#include <set>

namespace Signalbox {

namespace {

constexpr int maxRetryAttempts = 1000;
constexpr double maxIntervalSeconds = 365.0 * 24 * 3600;

class Validator
{
public:
    Validator(const Definition &def, Diagnostics &diags)
        : m_def(def)
        , m_diags(diags)
    {}

    void run()
    {
        if (m_def.name.empty() && !hasCode("missing-field"))
            m_diags.error("missing-field", {m_def.sourceFile, 1, 1}, "the workflow needs a 'name'");
        if (m_def.timeoutSeconds && *m_def.timeoutSeconds <= 0)
            m_diags.error("bad-value", {m_def.sourceFile, 0, 0},
                          "the workflow's timeout_seconds must be positive");
        collectNames(m_def.machine);
        checkMachine(m_def.machine, "the workflow");
    }

private:
    bool hasCode(const std::string &code) const
    {
        for (const Diagnostic &d : m_diags.items()) {
            if (d.code == code && d.state.empty())
                return true;
        }
        return false;
    }

    SourceLocation fieldLoc(const State &s, const std::string &field) const
    {
        auto it = s.fieldLocations.find(field);
        return it != s.fieldLocations.end() ? it->second : s.location;
    }

    void collectNames(const StateMachine &m)
    {
        for (const State &s : m.states) {
            auto [it, inserted] = m_allNames.insert({s.name, s.location});
            if (!inserted) {
                m_diags.error("duplicate-state", s.location,
                              "state name '" + s.name + "' is already used at line "
                                  + std::to_string(it->second.line)
                                  + "; names must be unique across the workflow, branches "
                                    "included",
                              s.name);
            }
            for (const auto &b : s.branches)
                collectNames(*b);
            if (s.processor)
                collectNames(*s.processor);
        }
    }

    std::vector<std::string> namesIn(const StateMachine &m) const
    {
        std::vector<std::string> names;
        for (const State &s : m.states)
            names.push_back(s.name);
        return names;
    }

    void checkReference(const StateMachine &m, const State &s, const std::string &target,
                        const SourceLocation &loc, const std::string &what)
    {
        if (m.find(target))
            return;
        std::string msg = what + " '" + target + "' of state '" + s.name + "' is not a state";
        if (m_allNames.count(target))
            msg += " in this " + std::string("scope (it belongs to another branch or processor)");
        else {
            const std::string hint = closestMatch(target, namesIn(m));
            if (!hint.empty())
                msg += "; did you mean '" + hint + "'?";
        }
        m_diags.error("unknown-state", loc, msg, s.name);
    }

    void checkPath(const State &s, const std::string &field, const std::optional<Json> &value,
                   bool referenceOnly)
    {
        if (!value || !value->is_string())
            return;
        checkPathText(s, field, value->get<std::string>(), referenceOnly);
    }

    void checkPathText(const State &s, const std::string &field, const std::string &path,
                       bool referenceOnly)
    {
        if (path.empty())
            return;
        PathError error;
        if (!isValidPath(path, referenceOnly, &error)) {
            m_diags.error("bad-path", fieldLoc(s, field),
                          field + " '" + path + "' is not a valid path: " + error.message, s.name);
        }
    }

    void checkTemplate(const State &s, const std::string &field, const Json &tmpl)
    {
        if (tmpl.is_object()) {
            for (auto it = tmpl.begin(); it != tmpl.end(); ++it) {
                const std::string &key = it.key();
                if (key.size() > 2 && key.compare(key.size() - 2, 2, ".$") == 0) {
                    if (!it.value().is_string()) {
                        m_diags.error("bad-path", fieldLoc(s, field),
                                      field + " key '" + key
                                          + "' ends in .$ so its value must be a path or an "
                                            "intrinsic function",
                                      s.name);
                        continue;
                    }
                    const std::string v = it.value().get<std::string>();
                    if (v.rfind("States.", 0) == 0) {
                        std::string message;
                        if (!isValidIntrinsic(v, &message))
                            m_diags.error("bad-intrinsic", fieldLoc(s, field),
                                          field + " '" + key + "': " + message, s.name);
                    } else {
                        checkPathText(s, field, v, false);
                    }
                } else {
                    checkTemplate(s, field, it.value());
                }
            }
        } else if (tmpl.is_array()) {
            for (const Json &v : tmpl)
                checkTemplate(s, field, v);
        }
    }

    void checkRetry(const State &s)
    {
        for (size_t i = 0; i < s.retry.size(); ++i) {
            const RetryPolicy &r = s.retry[i];
            const SourceLocation &loc = r.location.isValid() ? r.location : s.location;
            if (r.attempts < 1 || r.attempts > maxRetryAttempts)
                m_diags.error("retry-bounds", loc,
                              "retry attempts must be between 1 and "
                                  + std::to_string(maxRetryAttempts) + " (total tries), not "
                                  + std::to_string(r.attempts),
                              s.name);
            if (r.intervalSeconds <= 0 || r.intervalSeconds > maxIntervalSeconds)
                m_diags.error("retry-bounds", loc,
                              "retry interval_seconds must be more than 0 and at most a year",
                              s.name);
            if (r.backoffRate < 1.0)
                m_diags.error("retry-bounds", loc, "retry backoff_rate must be at least 1.0",
                              s.name);
            if (r.maxDelaySeconds && *r.maxDelaySeconds <= 0)
                m_diags.error("retry-bounds", loc, "retry max_delay_seconds must be positive",
                              s.name);
            if (r.errors.empty())
                m_diags.error("retry-bounds", loc, "retry errors must not be empty", s.name);
            checkAllLast(s, r.errors, i + 1 == s.retry.size(), loc, "retry");
        }
        if (!s.retry.empty() && s.type == StateType::Task && !s.run.argv.empty()
            && s.retry.front().attempts > 50)
            m_diags.warning("retry-bounds", s.retry.front().location,
                            "more than 50 attempts for a process task; is that intended?", s.name);
    }

    void checkAllLast(const State &s, const std::vector<std::string> &errors, bool isLast,
                      const SourceLocation &loc, const char *what)
    {
        const bool hasAll = std::find(errors.begin(), errors.end(), "States.ALL") != errors.end();
        if (hasAll && errors.size() > 1)
            m_diags.error("bad-errors", loc,
                          std::string(what) + ": States.ALL must appear alone in its errors list",
                          s.name);
        if (hasAll && !isLast)
            m_diags.error("bad-errors", loc,
                          std::string(what) + ": the rule with States.ALL must be the last one",
                          s.name);
    }

    void checkState(const StateMachine &m, const State &s)
    {
        const StateTypeInfo &info = stateTypeInfo(s.type);
        if (info.transitions) {
            if (s.next.empty() && !s.end)
                m_diags.error("missing-next", s.location,
                              "state '" + s.name + "' needs 'next: STATE' or 'end: true'", s.name);
            if (!s.next.empty() && s.end)
                m_diags.error("conflict", fieldLoc(s, "end"),
                              "state '" + s.name + "' has both 'next' and 'end'; keep one", s.name);
        }
        if (!s.next.empty())
            checkReference(m, s, s.next, fieldLoc(s, "next"), "next state");
        for (const ChoiceRule &c : s.choices) {
            if (!c.next.empty())
                checkReference(m, s, c.next, c.location, "choice target");
        }
        if (!s.defaultNext.empty())
            checkReference(m, s, s.defaultNext, fieldLoc(s, "default"), "default");
        // The YAML and ASL readers never read these; a definition built in code (the designer)
        // is held to the same table.
        if (!s.retry.empty() && !info.retry)
            m_diags.error("unknown-field", fieldLoc(s, "retry"),
                          std::string("a ") + info.yamlName + " state has no 'retry'", s.name);
        if (!s.catchRules.empty() && !info.catches)
            m_diags.error("unknown-field", fieldLoc(s, "catch"),
                          std::string("a ") + info.yamlName + " state has no 'catch'", s.name);
        for (size_t i = 0; i < s.catchRules.size(); ++i) {
            const CatchRule &c = s.catchRules[i];
            if (!c.next.empty())
                checkReference(m, s, c.next, c.location, "catch target");
            checkAllLast(s, c.errors, i + 1 == s.catchRules.size(), c.location, "catch");
            checkPath(s, "catch", c.resultPath, true);
        }
        checkPath(s, "input_path", s.inputPath, false);
        checkPath(s, "output_path", s.outputPath, false);
        checkPath(s, "result_path", s.resultPath, true);
        if (s.parameters)
            checkTemplate(s, "parameters", *s.parameters);
        if (s.resultSelector)
            checkTemplate(s, "result_selector", *s.resultSelector);
        if (s.itemSelector)
            checkTemplate(s, "item_selector", *s.itemSelector);
        checkRetry(s);
        if (s.timeoutSeconds && *s.timeoutSeconds <= 0)
            m_diags.error("bad-value", fieldLoc(s, "timeout_seconds"),
                          "timeout_seconds must be positive", s.name);
        if (s.heartbeatSeconds) {
            if (*s.heartbeatSeconds <= 0)
                m_diags.error("bad-value", fieldLoc(s, "heartbeat_seconds"),
                              "heartbeat_seconds must be positive", s.name);
            else if (s.timeoutSeconds && *s.heartbeatSeconds >= *s.timeoutSeconds)
                m_diags.error("bad-value", fieldLoc(s, "heartbeat_seconds"),
                              "heartbeat_seconds must be smaller than timeout_seconds", s.name);
        }

        switch (s.type) {
        case StateType::Choice:
            if (s.choices.empty())
                m_diags.error("missing-field", s.location,
                              "choice state '" + s.name + "' needs 'when' or 'choices'", s.name);
            if (s.defaultNext.empty())
                m_diags.warning("no-default", s.location,
                                "choice state '" + s.name
                                    + "' has no 'default': when no rule matches the execution "
                                      "fails with States.NoChoiceMatched",
                                s.name);
            for (const ChoiceRule &c : s.choices)
                checkConditionPaths(s, c);
            break;
        case StateType::Wait: {
            const int given = (s.seconds ? 1 : 0) + (!s.secondsPath.empty() ? 1 : 0)
                              + (!s.timestamp.empty() ? 1 : 0) + (!s.timestampPath.empty() ? 1 : 0);
            if (given != 1)
                m_diags.error(given ? "conflict" : "missing-field", s.location,
                              "wait state '" + s.name
                                  + "' needs exactly one of seconds, seconds_path, timestamp, "
                                    "timestamp_path",
                              s.name);
            if (s.seconds && *s.seconds < 0)
                m_diags.error("bad-value", fieldLoc(s, "seconds"), "seconds must not be negative",
                              s.name);
            if (!s.timestamp.empty()
                && !QDateTime::fromString(QString::fromStdString(s.timestamp), Qt::ISODateWithMs)
                        .isValid())
                m_diags.error("bad-value", fieldLoc(s, "timestamp"),
                              "timestamp '" + s.timestamp
                                  + "' is not an RFC 3339 time such as 2026-01-31T09:00:00Z",
                              s.name);
            checkPathText(s, "seconds_path", s.secondsPath, true);
            checkPathText(s, "timestamp_path", s.timestampPath, true);
            break;
        }
        case StateType::WaitForEvent: {
            std::set<std::string> fieldNames;
            for (const FormField &f : s.form) {
                if (!f.name.empty() && !fieldNames.insert(f.name).second)
                    m_diags.error("duplicate-key", fieldLoc(s, "form"),
                                  "form field '" + f.name + "' is declared twice", s.name);
            }
            break;
        }
        case StateType::Parallel:
            if (s.branches.empty())
                m_diags.error("missing-field", s.location,
                              "parallel state '" + s.name + "' needs at least one branch", s.name);
            for (size_t i = 0; i < s.branches.size(); ++i)
                checkMachine(*s.branches[i],
                             "branch " + std::to_string(i) + " of '" + s.name + "'");
            break;
        case StateType::Map:
            if (!s.processor)
                m_diags.error("missing-field", s.location,
                              "map state '" + s.name
                                  + "' needs a 'processor' with start_at and states",
                              s.name);
            else
                checkMachine(*s.processor, "processor of '" + s.name + "'");
            checkPathText(s, "items_path", s.itemsPath, false);
            if (s.maxConcurrency < 0)
                m_diags.error("bad-value", fieldLoc(s, "max_concurrency"),
                              "max_concurrency must be 0 (the default, 40 at once) or more", s.name);
            if (s.toleratedFailurePercentage
                && (*s.toleratedFailurePercentage < 0 || *s.toleratedFailurePercentage > 100))
                m_diags.error("bad-value", fieldLoc(s, "tolerated_failure_percentage"),
                              "tolerated_failure_percentage must be between 0 and 100", s.name);
            if (s.toleratedFailureCount && *s.toleratedFailureCount < 0)
                m_diags.error("bad-value", fieldLoc(s, "tolerated_failure_count"),
                              "tolerated_failure_count must not be negative", s.name);
            break;
        case StateType::Fail:
            if (!s.error.empty() && !s.errorPath.empty())
                m_diags.error("conflict", fieldLoc(s, "error_path"),
                              "use either error or error_path, not both", s.name);
            if (!s.cause.empty() && !s.causePath.empty())
                m_diags.error("conflict", fieldLoc(s, "cause_path"),
                              "use either cause or cause_path, not both", s.name);
            checkPathText(s, "error_path", s.errorPath, false);
            checkPathText(s, "cause_path", s.causePath, false);
            break;
        case StateType::Task:
            if (s.run.kind == Executor::Kind::Http && !s.run.http.url.empty()
                && s.run.http.url.find("://") == std::string::npos)
                m_diags.error("bad-value", fieldLoc(s, "run"),
                              "http url '" + s.run.http.url + "' needs a scheme such as https://",
                              s.name);
            break;
        case StateType::Pass:
        case StateType::Succeed:
            break;
        }
    }

    void checkConditionPaths(const State &s, const ChoiceRule &c)
    {
        std::vector<const Condition *> stack{&c.condition};
        while (!stack.empty()) {
            const Condition *cond = stack.back();
            stack.pop_back();
            for (const Condition &child : cond->children)
                stack.push_back(&child);
            for (const std::string *p : {&cond->variable, &cond->valuePath}) {
                if (p->empty())
                    continue;
                PathError error;
                if (!isValidPath(*p, false, &error))
                    m_diags.error("bad-path", c.location,
                                  "'" + *p + "' is not a valid path: " + error.message, s.name);
            }
        }
    }

    void checkMachine(const StateMachine &m, const std::string &where)
    {
        if (m.states.empty()) {
            m_diags.error("missing-field", m.startAtLocation, where + " has no states", {});
            return;
        }
        if (m.startAt.empty())
            return; // reported by the reader
        if (!m.find(m.startAt)) {
            std::string msg = "start_at '" + m.startAt + "' of " + where + " is not a state";
            const std::string hint = closestMatch(m.startAt, namesIn(m));
            if (!hint.empty())
                msg += "; did you mean '" + hint + "'?";
            m_diags.error("unknown-state", m.startAtLocation, msg);
        }
        for (const State &s : m.states)
            checkState(m, s);
        checkGraph(m);
    }

    // Reachability from start_at, and a path from every reachable state to an end.
    void checkGraph(const StateMachine &m)
    {
        const int n = int(m.states.size());
        std::vector<std::vector<int>> out(static_cast<size_t>(n));
        std::vector<std::vector<int>> in(static_cast<size_t>(n));
        for (int i = 0; i < n; ++i) {
            for (const std::string &t : m.states[size_t(i)].successors()) {
                const int j = m.indexOf(t);
                if (j >= 0) {
                    out[size_t(i)].push_back(j);
                    in[size_t(j)].push_back(i);
                }
            }
        }
        std::vector<bool> reached(size_t(n), false);
        const int start = m.indexOf(m.startAt);
        if (start >= 0) {
            std::vector<int> todo{start};
            reached[size_t(start)] = true;
            while (!todo.empty()) {
                const int i = todo.back();
                todo.pop_back();
                for (int j : out[size_t(i)]) {
                    if (!reached[size_t(j)]) {
                        reached[size_t(j)] = true;
                        todo.push_back(j);
                    }
                }
            }
            for (int i = 0; i < n; ++i) {
                const State &s = m.states[size_t(i)];
                if (!reached[size_t(i)])
                    m_diags.error("unreachable", s.location,
                                  "state '" + s.name + "' cannot be reached from '" + m.startAt
                                      + "'",
                                  s.name);
            }
        }
        // Backwards from terminals. A state with a broken reference already has an error.
        std::vector<bool> canEnd(size_t(n), false);
        std::vector<int> todo;
        for (int i = 0; i < n; ++i) {
            const State &s = m.states[size_t(i)];
            bool broken = false;
            for (const std::string &t : s.successors())
                broken = broken || m.indexOf(t) < 0;
            if (s.isTerminal() || broken || (s.next.empty() && stateTypeInfo(s.type).transitions)) {
                canEnd[size_t(i)] = true;
                todo.push_back(i);
            }
        }
        while (!todo.empty()) {
            const int i = todo.back();
            todo.pop_back();
            for (int j : in[size_t(i)]) {
                if (!canEnd[size_t(j)]) {
                    canEnd[size_t(j)] = true;
                    todo.push_back(j);
                }
            }
        }
        for (int i = 0; i < n; ++i) {
            const State &s = m.states[size_t(i)];
            if (reached[size_t(i)] && !canEnd[size_t(i)])
                m_diags.error("no-end", s.location,
                              "from state '" + s.name
                                  + "' no path leads to an end (succeed, fail or end: true); "
                                    "the execution would loop forever",
                              s.name);
        }
    }

    const Definition &m_def;
    Diagnostics &m_diags;
    std::map<std::string, SourceLocation> m_allNames;
};

} // namespace

void validateDefinition(const Definition &def, Diagnostics &diags)
{
    Validator(def, diags).run();
}

} // namespace Signalbox
