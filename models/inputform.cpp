#include "inputform.h"

#include "signalbox/codecs.h"
#include "signalbox/inputschema.h"

#include <QRegularExpression>

#include <cmath>

namespace Signalbox {

namespace {

QString text(const Json &value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>())
                             : QString::fromStdString(value.dump());
}

QString number(double v)
{
    return QString::number(v, 'g', 15);
}

} // namespace

InputForm::InputForm(QObject *parent)
    : QAbstractListModel(parent)
{}

void InputForm::setYaml(const QString &yaml)
{
    if (m_yaml == yaml)
        return;
    m_yaml = yaml;
    emit yamlChanged();
    std::optional<Json> schema;
    if (!yaml.trimmed().isEmpty()) {
        Diagnostics diags;
        std::optional<Definition> def = readYaml(yaml.toStdString(), "workflow.yaml", diags);
        if (def && def->inputSchema && def->inputSchema->is_object())
            schema = def->inputSchema;
    }
    if (schema != m_schema)
        setSchema(std::move(schema)); // an edit elsewhere in the workflow keeps the values
}

QString InputForm::schemaJson() const
{
    return m_schema ? QString::fromStdString(m_schema->dump()) : QString();
}

void InputForm::setSchemaJson(const QString &schema)
{
    const Json parsed = Json::parse(schema.toStdString(), nullptr, false);
    setSchema(parsed.is_object() ? std::optional<Json>(parsed) : std::nullopt);
}

void InputForm::setSchema(std::optional<Json> schema)
{
    const bool changed = schema != m_schema;
    beginResetModel();
    m_schema = std::move(schema);
    m_fields.clear();
    m_extra = Json::object();
    m_loadError.clear();
    if (m_schema) {
        std::vector<std::string> required;
        const Json req = m_schema->value("required", Json::array());
        for (const Json &r : req.is_array() ? req : Json::array()) {
            if (r.is_string())
                required.push_back(r.get<std::string>());
        }
        const Json props = m_schema->value("properties", Json::object());
        for (auto it = props.begin(); props.is_object() && it != props.end(); ++it) {
            const Json &p = it.value();
            Field f;
            f.name = QString::fromStdString(it.key());
            f.schema = p.is_object() ? p : Json::object();
            f.title = QString::fromStdString(f.schema.value("title", it.key()));
            f.description = QString::fromStdString(f.schema.value("description", std::string()));
            f.required = std::find(required.begin(), required.end(), it.key()) != required.end();
            const std::string type = f.schema.value("type", std::string());
            if (f.schema.contains("enum") && f.schema["enum"].is_array()) {
                f.type = QStringLiteral("enum");
                for (const Json &o : f.schema["enum"])
                    f.options.push_back(o);
            } else if (type == "string" || type == "number" || type == "integer"
                       || type == "boolean") {
                f.type = QString::fromStdString(type);
            } else {
                f.type = QStringLiteral("json");
            }
            m_fields.push_back(std::move(f));
        }
    }
    for (Field &f : m_fields) {
        const auto def = f.schema.find("default");
        setFromJson(f, def != f.schema.end() ? &*def : nullptr);
        validate(f);
    }
    m_formError.clear();
    checkWithEngine();
    endResetModel();
    if (changed)
        emit schemaChanged();
    emit valuesChanged();
}

void InputForm::reset()
{
    setSchema(m_schema);
}

void InputForm::setFromJson(Field &f, const Json *value) const
{
    f.isSet = value != nullptr;
    f.checked = false;
    f.text.clear();
    if (!value)
        return;
    if (f.type == QLatin1String("boolean")) {
        if (value->is_boolean())
            f.checked = value->get<bool>();
        else
            f.text = text(*value); // not a boolean: shown as an error
    } else if (f.type == QLatin1String("json")) {
        f.text = QString::fromStdString(value->dump(2));
    } else {
        f.text = text(*value);
    }
}

std::optional<Json> InputForm::fieldValue(const Field &f) const
{
    if (f.type == QLatin1String("boolean"))
        return f.isSet && f.text.isEmpty() ? std::optional<Json>(f.checked) : std::nullopt;
    if (f.text.isEmpty() && f.type != QLatin1String("string"))
        return std::nullopt;
    if (f.type == QLatin1String("string"))
        return f.text.isEmpty() ? std::nullopt : std::optional<Json>(f.text.toStdString());
    if (f.type == QLatin1String("number")) {
        bool ok = false;
        const double v = f.text.trimmed().toDouble(&ok);
        if (!ok || !std::isfinite(v))
            return std::nullopt;
        if (v == std::floor(v) && std::abs(v) < 9e15)
            return Json(qint64(v));
        return Json(v);
    }
    if (f.type == QLatin1String("integer")) {
        bool ok = false;
        const qint64 v = f.text.trimmed().toLongLong(&ok);
        return ok ? std::optional<Json>(Json(v)) : std::nullopt;
    }
    if (f.type == QLatin1String("enum")) {
        for (const Json &o : f.options) {
            if (text(o) == f.text)
                return o;
        }
        return std::nullopt;
    }
    const Json parsed = Json::parse(f.text.toStdString(), nullptr, false);
    return parsed.is_discarded() ? std::nullopt : std::optional<Json>(parsed);
}

void InputForm::validate(Field &f) const
{
    validateField(f);
    f.error = f.fieldError;
}

void InputForm::validateField(Field &f) const
{
    f.fieldError.clear();
    const Json &s = f.schema;
    if (f.type == QLatin1String("boolean")) {
        if (!f.text.isEmpty())
            f.fieldError = tr("Must be true or false");
        else if (f.required && !f.isSet)
            f.fieldError = tr("Required");
        return;
    }
    if (f.text.trimmed().isEmpty()) {
        if (f.required)
            f.fieldError = tr("Required");
        return;
    }
    const std::optional<Json> v = fieldValue(f);
    if (f.type == QLatin1String("number") || f.type == QLatin1String("integer")) {
        if (!v) {
            f.fieldError = f.type == QLatin1String("integer") ? tr("Enter a whole number")
                                                         : tr("Enter a number");
            return;
        }
        const double d = v->get<double>();
        if (s.contains("minimum") && s["minimum"].is_number() && d < s["minimum"].get<double>())
            f.fieldError = tr("At least %1").arg(number(s["minimum"].get<double>()));
        else if (s.contains("maximum") && s["maximum"].is_number()
                 && d > s["maximum"].get<double>())
            f.fieldError = tr("At most %1").arg(number(s["maximum"].get<double>()));
        return;
    }
    if (f.type == QLatin1String("enum")) {
        if (!v)
            f.fieldError = tr("Choose one of the options");
        return;
    }
    if (f.type == QLatin1String("string")) {
        const qsizetype n = f.text.size();
        if (s.contains("minLength") && s["minLength"].is_number_integer()
            && n < s["minLength"].get<qsizetype>())
            f.fieldError = tr("At least %n character(s)", "", int(s["minLength"].get<qsizetype>()));
        else if (s.contains("maxLength") && s["maxLength"].is_number_integer()
                 && n > s["maxLength"].get<qsizetype>())
            f.fieldError = tr("At most %n character(s)", "", int(s["maxLength"].get<qsizetype>()));
        else if (s.contains("pattern") && s["pattern"].is_string()) {
            const QRegularExpression re(QString::fromStdString(s["pattern"].get<std::string>()));
            if (re.isValid() && !re.match(f.text).hasMatch())
                f.fieldError = tr("Does not match the pattern %1").arg(re.pattern());
        }
        return;
    }
    // JSON fields.
    if (!v) {
        f.fieldError = tr("Not valid JSON");
        return;
    }
    const std::string type = s.value("type", std::string());
    if (type == "object" && !v->is_object())
        f.fieldError = tr("Enter a JSON object, e.g. {}");
    else if (type == "array" && !v->is_array())
        f.fieldError = tr("Enter a JSON array, e.g. []");
}

std::vector<int> InputForm::checkWithEngine()
{
    std::vector<int> changed;
    std::vector<QString> errors(m_fields.size());
    QStringList unplaced;
    if (m_schema) {
        for (const InputProblem &p : validateInput(*m_schema, value())) {
            int row = -1;
            for (std::size_t i = 0; i < m_fields.size() && row < 0; ++i) {
                const std::string name = m_fields[i].name.toStdString();
                const std::string dotted = "$." + name;
                const std::string quoted = "$['" + name + "']";
                for (const std::string &at : {dotted, quoted}) {
                    if (p.path == at || p.path.rfind(at + ".", 0) == 0
                        || p.path.rfind(at + "[", 0) == 0)
                        row = int(i);
                }
                if (p.path == "$" && p.rule == "required"
                    && p.message.find("'" + name + "'") != std::string::npos)
                    row = int(i);
            }
            if (row < 0) {
                unplaced << QString::fromStdString(p.path + ": " + p.message);
                continue;
            }
            QString &e = errors[std::size_t(row)];
            if (e.isEmpty())
                e = p.rule == "required" && p.path == "$" ? tr("Required")
                                                          : QString::fromStdString(p.message);
        }
    }
    for (std::size_t i = 0; i < m_fields.size(); ++i) {
        Field &f = m_fields[i];
        const QString shown = f.fieldError.isEmpty() ? errors[i] : f.fieldError;
        if (shown != f.error) {
            f.error = shown;
            changed.push_back(int(i));
        }
    }
    m_formError = unplaced.join(QLatin1Char('\n'));
    return changed;
}

Json InputForm::value() const
{
    Json out = Json::object();
    for (const Field &f : m_fields) {
        if (std::optional<Json> v = fieldValue(f))
            out[f.name.toStdString()] = *v;
    }
    for (auto it = m_extra.begin(); it != m_extra.end(); ++it) {
        if (!out.contains(it.key()))
            out[it.key()] = it.value();
    }
    return out;
}

QString InputForm::json() const
{
    return QString::fromStdString(value().dump(2));
}

int InputForm::errorCount() const
{
    return int(std::count_if(m_fields.begin(), m_fields.end(),
                             [](const Field &f) { return !f.error.isEmpty(); }));
}

void InputForm::setValue(int row, const QVariant &value)
{
    if (row < 0 || row >= int(m_fields.size()))
        return;
    Field &f = m_fields[std::size_t(row)];
    if (f.type == QLatin1String("boolean")) {
        const bool checked = value.toBool();
        if (f.isSet && f.checked == checked && f.text.isEmpty())
            return;
        f.isSet = true;
        f.checked = checked;
        f.text.clear();
    } else {
        const QString t = value.toString();
        if (f.text == t)
            return;
        f.text = t;
    }
    validate(f);
    m_loadError.clear();
    std::vector<int> rows = checkWithEngine();
    if (std::find(rows.begin(), rows.end(), row) == rows.end())
        rows.push_back(row);
    for (int r : rows)
        emit dataChanged(index(r), index(r), {ValueRole, ErrorRole});
    emit valuesChanged();
}

bool InputForm::loadJson(const QString &jsonText)
{
    const Json parsed = Json::parse(jsonText.toStdString(), nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object()) {
        const QString error = parsed.is_discarded() ? tr("The input is not valid JSON")
                                                    : tr("The input must be a JSON object");
        if (error != m_loadError) {
            m_loadError = error;
            emit valuesChanged();
        }
        return false;
    }
    const Json before = value();
    const QString errorBefore = m_loadError;
    m_loadError.clear();
    m_extra = Json::object();
    for (auto it = parsed.begin(); it != parsed.end(); ++it) {
        const QString key = QString::fromStdString(it.key());
        const bool known = std::any_of(m_fields.begin(), m_fields.end(),
                                       [&](const Field &f) { return f.name == key; });
        if (!known)
            m_extra[it.key()] = it.value();
    }
    struct Before
    {
        QString text;
        bool checked;
        bool isSet;
        QString error;
    };
    std::vector<Before> rowsBefore;
    for (Field &f : m_fields) {
        rowsBefore.push_back({f.text, f.checked, f.isSet, f.error});
        const auto found = parsed.find(f.name.toStdString());
        setFromJson(f, found != parsed.end() ? &*found : nullptr);
        validate(f);
    }
    const QString formErrorBefore = m_formError;
    for (Field &f : m_fields)
        f.error = f.fieldError;
    checkWithEngine();
    for (std::size_t i = 0; i < m_fields.size(); ++i) {
        const Field &f = m_fields[i];
        const Before &b = rowsBefore[i];
        if (f.text != b.text || f.checked != b.checked || f.isSet != b.isSet || f.error != b.error)
            emit dataChanged(index(int(i)), index(int(i)), {ValueRole, ErrorRole});
    }
    if (value() != before || errorBefore != m_loadError || formErrorBefore != m_formError)
        emit valuesChanged();
    return true;
}

int InputForm::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_fields.size());
}

QVariant InputForm::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Field &f = m_fields.at(std::size_t(index.row()));
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return f.name;
    case TitleRole:
        return f.title;
    case TypeRole:
        return f.type;
    case DescriptionRole:
        return f.description;
    case RequiredRole:
        return f.required;
    case OptionsRole: {
        QStringList out;
        for (const Json &o : f.options)
            out.append(text(o));
        return out;
    }
    case ValueRole:
        return f.type == QLatin1String("boolean") && f.text.isEmpty() ? QVariant(f.checked)
                                                                      : QVariant(f.text);
    case ErrorRole:
        return f.error;
    case PlaceholderRole:
        if (f.type == QLatin1String("json"))
            return f.schema.value("type", std::string()) == "array" ? QStringLiteral("[]")
                                                                    : QStringLiteral("{}");
        if (f.schema.contains("examples") && f.schema["examples"].is_array()
            && !f.schema["examples"].empty())
            return tr("e.g. %1").arg(text(f.schema["examples"][0]));
        return {};
    }
    return {};
}

QHash<int, QByteArray> InputForm::roleNames() const
{
    return {{NameRole, "name"},
            {TitleRole, "title"},
            {TypeRole, "type"},
            {DescriptionRole, "description"},
            {RequiredRole, "required"},
            {OptionsRole, "options"},
            {ValueRole, "value"},
            {ErrorRole, "error"},
            {PlaceholderRole, "placeholder"}};
}

} // namespace Signalbox
