#include "approvalsmodel.h"

#include "enginebridge.h"

#include <QDateTime>
#include <QJsonDocument>

#include <QSet>

namespace Signalbox {

namespace {

QVariant toVariant(const Json &value)
{
    return QJsonDocument::fromJson(QByteArray::fromStdString(Json::array({value}).dump()))
        .array()
        .first()
        .toVariant();
}

QString keyData(const Json &input)
{
    QStringList parts;
    if (!input.is_object())
        return input.is_null() ? QString() : QString::fromStdString(input.dump());
    for (auto it = input.begin(); it != input.end() && parts.size() < 4; ++it) {
        if (it.value().is_structured())
            continue;
        const std::string v
            = it.value().is_string() ? it.value().get<std::string>() : it.value().dump();
        parts.append(QString::fromStdString(it.key() + ": " + v));
    }
    return parts.join(QStringLiteral(" · "));
}

} // namespace

QString ApprovalsModel::Item::key() const
{
    return QString::fromStdString(wait.executionId + '\x1f' + wait.frame + '\x1f' + wait.state);
}

ApprovalsModel::ApprovalsModel(QObject *parent)
    : QAbstractListModel(parent)
{
    m_overdueTimer.setInterval(30000);
    connect(&m_overdueTimer, &QTimer::timeout, this, [this] {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (int row = 0; row < m_rows.size(); ++row) {
            const qint64 deadline = m_rows.at(row).wait.deadlineMs;
            // Only rows that crossed their deadline within the last period change.
            if (deadline > 0 && deadline <= now && deadline > now - m_overdueTimer.interval())
                emit dataChanged(index(row), index(row), {OverdueRole});
        }
    });
    m_overdueTimer.start();
}

ApprovalsModel::~ApprovalsModel() = default;

void ApprovalsModel::setBridge(EngineBridge *bridge)
{
    if (!EngineBridge::rebind(this, m_bridge, m_store, bridge, [this] { refresh(); }))
        return;
    if (m_bridge)
        connect(m_bridge, &EngineBridge::approvalsChanged, this, &ApprovalsModel::refresh);
    emit bridgeChanged();
    refresh();
}

bool ApprovalsModel::ensureStore()
{
    if (!m_store && m_bridge)
        m_store = m_bridge->openReader("ApprovalsModel");
    return bool(m_store);
}

QList<ApprovalsModel::Item> ApprovalsModel::load()
{
    QList<Item> items;
    if (!ensureStore())
        return items;
    QHash<QString, std::pair<std::string, std::string>> names; // id -> (name, workflow)
    for (PendingWait &w : m_store->pendingWaits()) {
        if (w.kind != "approval")
            continue;
        const QString id = QString::fromStdString(w.executionId);
        if (!names.contains(id)) {
            std::optional<ExecutionRecord> rec = m_store->execution(w.executionId);
            names.insert(id, rec ? std::pair(rec->name, rec->workflow) : std::pair("", ""));
        }
        const auto &[name, workflow] = names.value(id);
        items.append(Item{std::move(w), name, workflow});
    }
    std::stable_sort(items.begin(), items.end(),
                     [](const Item &a, const Item &b) { return a.wait.sinceMs < b.wait.sinceMs; });
    return items;
}

void ApprovalsModel::refresh()
{
    const QList<Item> fresh = load();
    const int before = int(m_rows.size());
    QSet<QString> freshKeys;
    for (const Item &item : fresh)
        freshKeys.insert(item.key());
    // Remove decided approvals, from the bottom so rows keep their numbers.
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (!freshKeys.contains(m_rows.at(row).key())) {
            beginRemoveRows({}, row, row);
            m_rows.removeAt(row);
            endRemoveRows();
        }
    }
    QSet<QString> known;
    for (const Item &item : std::as_const(m_rows))
        known.insert(item.key());
    QList<Item> added;
    for (const Item &item : fresh) {
        if (!known.contains(item.key()))
            added.append(item);
    }
    if (!added.isEmpty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        m_rows.append(added);
        endInsertRows();
    }
    if (before != m_rows.size())
        emit countChanged();
}

int ApprovalsModel::overdueCount() const
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    return int(std::count_if(m_rows.begin(), m_rows.end(), [now](const Item &i) {
        return i.wait.deadlineMs > 0 && i.wait.deadlineMs <= now;
    }));
}

int ApprovalsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ApprovalsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Item &item = m_rows.at(index.row());
    const PendingWait &w = item.wait;
    switch (role) {
    case Qt::DisplayRole:
    case PromptRole: {
        const std::string prompt = w.data.value("prompt", std::string());
        if (!prompt.empty())
            return QString::fromStdString(prompt);
        return tr("Approve %1 of %2?")
            .arg(QString::fromStdString(w.state), QString::fromStdString(item.workflow));
    }
    case ExecutionIdRole:
        return QString::fromStdString(w.executionId);
    case ExecutionNameRole:
        return QString::fromStdString(item.executionName);
    case WorkflowRole:
        return QString::fromStdString(item.workflow);
    case StateRole:
        return QString::fromStdString(w.state);
    case FrameRole:
        return QString::fromStdString(w.frame);
    case EventRole:
        return QString::fromStdString(w.event);
    case AssigneeRole:
        return QString::fromStdString(w.data.value("assignee", std::string()));
    case SinceRole:
        return QDateTime::fromMSecsSinceEpoch(w.sinceMs, Qt::UTC);
    case DeadlineRole:
        return w.deadlineMs > 0 ? QDateTime::fromMSecsSinceEpoch(w.deadlineMs, Qt::UTC)
                                : QDateTime();
    case OverdueRole:
        return w.deadlineMs > 0 && w.deadlineMs <= QDateTime::currentMSecsSinceEpoch();
    case FormRole:
        return toVariant(w.data.value("form", Json::array()));
    case InputTextRole:
        return QString::fromStdString(w.data.value("input", Json()).dump(2));
    case KeyDataRole:
        return keyData(w.data.value("input", Json()));
    }
    return {};
}

QHash<int, QByteArray> ApprovalsModel::roleNames() const
{
    return {{ExecutionIdRole, "executionId"},
            {ExecutionNameRole, "executionName"},
            {WorkflowRole, "workflow"},
            {StateRole, "state"},
            {FrameRole, "frame"},
            {EventRole, "event"},
            {PromptRole, "prompt"},
            {AssigneeRole, "assignee"},
            {SinceRole, "since"},
            {DeadlineRole, "deadline"},
            {OverdueRole, "overdue"},
            {FormRole, "form"},
            {InputTextRole, "inputText"},
            {KeyDataRole, "keyData"}};
}

int ApprovalsModel::indexOf(const QString &executionId, const QString &state) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        const PendingWait &w = m_rows.at(row).wait;
        if (w.executionId == executionId.toStdString()
            && (state.isEmpty() || w.state == state.toStdString()))
            return row;
    }
    return -1;
}

QString ApprovalsModel::validateFields(int row, const QVariantMap &fields) const
{
    if (row < 0 || row >= m_rows.size())
        return tr("This approval is no longer pending.");
    QStringList problems;
    for (const Json &f : m_rows.at(row).wait.data.value("form", Json::array())) {
        const QString name = QString::fromStdString(f.value("name", ""));
        const QString label = QString::fromStdString(f.value("label", f.value("name", "")));
        const std::string type = f.value("type", "string");
        const QVariant value = fields.value(name);
        const bool empty = !value.isValid() || value.isNull()
                           || (value.typeId() == QMetaType::QString && value.toString().isEmpty());
        if (empty) {
            if (f.value("required", false))
                problems.append(tr("%1 is required.").arg(label));
            continue;
        }
        if (type == "number") {
            bool ok = false;
            value.toString().toDouble(&ok);
            if (!ok && value.typeId() != QMetaType::Double && value.typeId() != QMetaType::Int)
                problems.append(tr("%1 must be a number.").arg(label));
        } else if (type == "choice") {
            QStringList options;
            for (const Json &o : f.value("options", Json::array()))
                options.append(
                    QString::fromStdString(o.is_string() ? o.get<std::string>() : o.dump()));
            if (!options.contains(value.toString()))
                problems.append(
                    tr("%1 must be one of: %2.").arg(label, options.join(QLatin1String(", "))));
        }
    }
    return problems.join(QLatin1Char('\n'));
}

} // namespace Signalbox
