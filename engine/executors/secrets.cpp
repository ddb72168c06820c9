#include "secrets.h"

#include <algorithm>

namespace Signalbox {

std::string TaskSecrets::resolve(const std::string &text)
{
    std::string out;
    std::size_t pos = 0;
    while (true) {
        const std::size_t start = text.find("${env:", pos);
        const std::size_t end = start == std::string::npos ? start : text.find('}', start);
        if (end == std::string::npos) {
            out += text.substr(pos);
            return out;
        }
        out += text.substr(pos, start - pos);
        const std::string name = text.substr(start + 6, end - start - 6);
        const std::string value = qEnvironmentVariable(name.c_str()).toStdString();
        out += value;
        if (value.size() >= minLength
            && std::find(m_values.begin(), m_values.end(), value) == m_values.end()) {
            m_values.push_back(value);
            std::stable_sort(m_values.begin(), m_values.end(),
                             [](const std::string &a, const std::string &b) {
                                 return a.size() > b.size();
                             });
        }
        pos = end + 1;
    }
}

Json TaskSecrets::resolve(const Json &value)
{
    if (value.is_string())
        return resolve(value.get<std::string>());
    if (value.is_array() || value.is_object()) {
        Json out = value;
        for (auto it = out.begin(); it != out.end(); ++it)
            *it = resolve(*it);
        return out;
    }
    return value;
}

std::string TaskSecrets::redact(std::string text) const
{
    for (const std::string &value : m_values) {
        for (std::size_t at = text.find(value); at != std::string::npos;
             at = text.find(value, at + 3))
            text.replace(at, value.size(), "***");
    }
    return text;
}

Json TaskSecrets::redact(const Json &value) const
{
    if (m_values.empty())
        return value;
    if (value.is_string())
        return redact(value.get<std::string>());
    if (value.is_object()) {
        Json out = Json::object();
        for (auto it = value.begin(); it != value.end(); ++it)
            out[redact(it.key())] = redact(it.value());
        return out;
    }
    if (value.is_array()) {
        Json out = Json::array();
        for (const Json &item : value)
            out.push_back(redact(item));
        return out;
    }
    return value;
}

void TaskSecrets::redact(TaskOutcome &outcome) const
{
    if (m_values.empty())
        return;
    outcome.cause = redact(outcome.cause);
    outcome.error = redact(outcome.error);
    outcome.output = redact(outcome.output);
    outcome.log.stdoutText = redact(outcome.log.stdoutText);
    outcome.log.stderrText = redact(outcome.log.stderrText);
    outcome.log.extra = redact(outcome.log.extra);
}

QProcessEnvironment taskEnvironment(const QProcessEnvironment &host)
{
    static const QStringList names = {
        QStringLiteral("PATH"),        QStringLiteral("HOME"),
        QStringLiteral("USER"),        QStringLiteral("LOGNAME"),
        QStringLiteral("SHELL"),       QStringLiteral("LANG"),
        QStringLiteral("LANGUAGE"),    QStringLiteral("TZ"),
        QStringLiteral("TMPDIR"),      QStringLiteral("XDG_RUNTIME_DIR"),
        QStringLiteral("XDG_DATA_HOME"), QStringLiteral("XDG_CONFIG_HOME"),
        QStringLiteral("XDG_CACHE_HOME"), QStringLiteral("XDG_STATE_HOME"),
        QStringLiteral("http_proxy"),  QStringLiteral("https_proxy"),
        QStringLiteral("no_proxy"),    QStringLiteral("HTTP_PROXY"),
        QStringLiteral("HTTPS_PROXY"), QStringLiteral("NO_PROXY"),
    };
    QProcessEnvironment env;
    const QStringList keys = host.keys();
    for (const QString &key : keys) {
        if (names.contains(key) || key.startsWith(QLatin1String("LC_"))
            || key.startsWith(QLatin1String("SIGNALBOX_")))
            env.insert(key, host.value(key));
    }
    if (!env.contains(QStringLiteral("PATH")))
        env.insert(QStringLiteral("PATH"), QStringLiteral("/usr/local/bin:/usr/bin:/bin"));
    return env;
}

} // namespace Signalbox
