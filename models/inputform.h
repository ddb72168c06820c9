// InputForm: the Run dialog's form, generated from the workflow's `input_schema` (a JSON Schema
// object). One row per top-level property: strings, numbers, integers and booleans get their own
// editor, `enum` a choice, anything else (nested objects, arrays) a JSON field. Titles,
// descriptions, defaults and `required` come from the schema. Every edit re-validates its field
// (required, type, enum, minimum/maximum, minLength/maxLength, pattern, with messages written for
// a form) and rebuilds `json`, the input the execution would start with; then the whole input
// goes through the engine's own check (validateInput, signalbox/inputschema.h), so the form is
// valid exactly when Engine::start would take its input: a problem the field checks did not see
// goes to its field, or to `formError` when it belongs to no field (allOf, additionalProperties,
// a schema that cannot be used). loadJson() goes the other way, so a form and a JSON editor stay
// in sync. Keys the schema does not know are kept as they are.
#pragma once

#include "signalbox/json.h"

#include <QAbstractListModel>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

#include <optional>
#include <vector>

namespace Signalbox {

class InputForm : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    // The workflow's YAML; its input_schema (if any) defines the fields. Setting it resets the
    // form to the schema's defaults.
    Q_PROPERTY(QString yaml READ yaml WRITE setYaml NOTIFY yamlChanged)
    // The schema as JSON text (an alternative to yaml, for tests and callers that have it).
    Q_PROPERTY(QString schemaJson READ schemaJson WRITE setSchemaJson NOTIFY schemaChanged)
    Q_PROPERTY(bool hasSchema READ hasSchema NOTIFY schemaChanged)
    // The input built from the fields (pretty JSON object).
    Q_PROPERTY(QString json READ json NOTIFY valuesChanged)
    Q_PROPERTY(bool valid READ isValid NOTIFY valuesChanged)
    Q_PROPERTY(int errorCount READ errorCount NOTIFY valuesChanged)
    // Why the last loadJson() could not be applied ("" when it was).
    Q_PROPERTY(QString loadError READ loadError NOTIFY valuesChanged)
    // What the engine's input_schema check found that belongs to no field ("" when nothing).
    Q_PROPERTY(QString formError READ formError NOTIFY valuesChanged)

public:
    enum Role {
        NameRole = Qt::UserRole + 1,
        TitleRole,       // `title`, else the name
        TypeRole,        // string, number, integer, boolean, enum, json
        DescriptionRole, // `description`, as a hint
        RequiredRole,
        OptionsRole, // enum: the choices as text
        ValueRole,   // text for every editor; boolean: true/false
        ErrorRole,   // "" when valid
        PlaceholderRole,
    };
    Q_ENUM(Role)

    explicit InputForm(QObject *parent = nullptr);

    QString yaml() const { return m_yaml; }
    void setYaml(const QString &yaml);
    QString schemaJson() const;
    void setSchemaJson(const QString &schema);
    bool hasSchema() const { return m_schema.has_value(); }
    QString json() const;
    Json value() const;
    bool isValid() const
    {
        return errorCount() == 0 && m_loadError.isEmpty() && m_formError.isEmpty();
    }
    QString formError() const { return m_formError; }
    int errorCount() const;
    QString loadError() const { return m_loadError; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Sets a field from its editor: text, or a bool for a boolean. One dataChanged for the row.
    Q_INVOKABLE void setValue(int row, const QVariant &value);
    // Fills the fields from a JSON object (as typed in the JSON editor). Fields it does not
    // mention become empty; keys the schema does not know are kept. false (loadError set) when
    // the text is not a JSON object; the fields are then left as they were.
    Q_INVOKABLE bool loadJson(const QString &text);
    // Back to the schema's defaults.
    Q_INVOKABLE void reset();

signals:
    void yamlChanged();
    void schemaChanged();
    void valuesChanged();

private:
    struct Field
    {
        QString name;
        QString title;
        QString type;
        QString description;
        bool required = false;
        Json schema;
        std::vector<Json> options; // enum values
        bool isSet = false;        // boolean: given (or defaulted)
        QString text;              // every other type
        bool checked = false;      // boolean
        QString error;      // what is shown: the field's own check, else the engine's
        QString fieldError; // the field's own check
    };

    void setSchema(std::optional<Json> schema);
    void validate(Field &f) const;      // the field's own check, shown as its error
    void validateField(Field &f) const; // sets fieldError only
    // The engine's check of the whole input; returns the rows whose error changed.
    std::vector<int> checkWithEngine();
    std::optional<Json> fieldValue(const Field &f) const; // nullopt: omitted
    void setFromJson(Field &f, const Json *value) const;

    QString m_yaml;
    std::optional<Json> m_schema;
    std::vector<Field> m_fields;
    Json m_extra = Json::object(); // keys not in the schema, kept from loadJson
    QString m_loadError;
    QString m_formError;
};

} // namespace Signalbox
