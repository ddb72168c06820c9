#include "simulationmodel.h"

#include "signalbox/engine.h"
#include "signalbox/jsonread.h"
#include "workflowdocument.h"

#include <QJsonDocument>

namespace Signalbox {

namespace {

QString text(const Json &j, const char *key)
{
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? QString::fromStdString(it->get<std::string>())
                                            : QString();
}

QString jsonText(const Json &j)
{
    return j.is_null() ? QString() : QString::fromStdString(writeJson(j, 2));
}

} // namespace

SimulationModel::SimulationModel(QObject *parent)
    : QAbstractListModel(parent)
{}

SimulationModel::~SimulationModel() = default;

void SimulationModel::setDocument(WorkflowDocument *document)
{
    if (m_document == document)
        return;
    clear();
    m_document = document;
    emit documentChanged();
}

void SimulationModel::setShownStep(int step)
{
    step = std::clamp(step, 0, stepCount());
    if (step == m_shown)
        return;
    m_shown = step;
    emit shownStepChanged();
}

int SimulationModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_steps.size());
}

QVariant SimulationModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Step &s = m_steps.at(index.row());
    switch (role) {
    case StepRole:
        return index.row() + 1;
    case Qt::DisplayRole:
    case StateNameRole:
        return s.state;
    case FrameRole:
        return s.frame;
    case StatusRole:
        return s.status;
    case InputRole:
        return jsonText(s.input);
    case OutputRole:
        return jsonText(s.output);
    case ErrorRole:
        return s.error;
    case CauseRole:
        return s.cause;
    case FromRole:
        return s.from;
    case EdgeKindRole:
        return s.edgeKind;
    case EdgeRuleRole:
        return s.edgeRule;
    }
    return {};
}

QHash<int, QByteArray> SimulationModel::roleNames() const
{
    return {{StepRole, "step"},         {StateNameRole, "stateName"}, {FrameRole, "frame"},
            {StatusRole, "status"},     {InputRole, "input"},         {OutputRole, "output"},
            {ErrorRole, "error"},       {CauseRole, "cause"},         {FromRole, "fromState"},
            {EdgeKindRole, "edgeKind"}, {EdgeRuleRole, "edgeRule"}};
}

QVariantMap SimulationModel::visits() const
{
    QVariantMap visits;
    for (int i = 0; i < m_steps.size(); ++i) {
        QVariantList list = visits.value(m_steps[i].state).toList();
        list.append(QVariantMap{{QStringLiteral("step"), i + 1},
                                {QStringLiteral("status"), m_steps[i].status}});
        visits.insert(m_steps[i].state, list);
    }
    return visits;
}

QVariantList SimulationModel::transitions() const
{
    QVariantList list;
    for (int i = 0; i < m_steps.size(); ++i) {
        const Step &s = m_steps[i];
        if (s.from.isEmpty())
            continue;
        list.append(QVariantMap{{QStringLiteral("from"), s.from},
                                {QStringLiteral("to"), s.state},
                                {QStringLiteral("kind"), s.edgeKind},
                                {QStringLiteral("rule"), s.edgeRule},
                                {QStringLiteral("step"), i + 1}});
    }
    return list;
}

QString SimulationModel::start(const QString &inputJson)
{
    if (!m_document)
        return tr("No workflow is open");
    if (m_document->diagnostics()->errorCount() > 0) {
        return tr("The workflow has %n problem(s); fix them first (see Problems).", nullptr,
                  m_document->diagnostics()->errorCount());
    }
    Json input = Json::object();
    if (!inputJson.trimmed().isEmpty()) {
        // Bounded (depth, size, numbers such as 1e999): the engine's one way to read JSON.
        JsonReadError why;
        std::optional<Json> parsed = readJson(inputJson.toStdString(), &why);
        if (!parsed)
            return tr("The input is not valid JSON: %1").arg(QString::fromStdString(why.message));
        input = std::move(*parsed);
    }
    clear();
    m_engine = std::make_unique<Engine>();
    EngineOptions options;
    options.synchronousFull = false;
    options.resumeOnOpen = false;
    options.historyLimit = 2000; // a loop that never ends stops with an error quickly
    QString error;
    if (!m_engine->open(QStringLiteral(":memory:"), &error, options)) {
        m_engine.reset();
        return tr("The simulation engine could not start: %1").arg(error);
    }
    connect(m_engine.get(), &Engine::eventsAppended, this, &SimulationModel::onEvents);
    m_definition = m_document->definition();
    m_input = QString::fromStdString(writeJson(input, 2));
    const OperationResult r
        = m_engine->start(m_definition, {}, m_document->filePath(), input, {}, true);
    if (!r.ok) {
        m_engine.reset();
        return QString::fromStdString(r.error);
    }
    m_executionId = r.executionId;
    setStatus(QStringLiteral("RUNNING"));
    emit started();
    m_engine->flush();
    return {};
}

QString SimulationModel::finishOperation(bool ok, const std::string &error)
{
    if (!ok) {
        setMessage(QString::fromStdString(error));
        return m_message;
    }
    setMessage({});
    m_engine->flush();
    return {};
}

QString SimulationModel::approve(const QString &comment, const QVariantMap &fields)
{
    if (!m_engine || m_waiting.isEmpty())
        return tr("The simulation is not waiting for an approval");
    const Json f
        = readJson(QJsonDocument::fromVariant(fields).toJson(QJsonDocument::Compact).toStdString())
              .value_or(Json::object());
    const OperationResult r
        = m_engine->approve(m_executionId, m_waiting.value("position").toString().toStdString(),
                            "designer", comment.toStdString(), f);
    return finishOperation(r.ok, r.error);
}

QString SimulationModel::reject(const QString &comment)
{
    if (!m_engine || m_waiting.isEmpty())
        return tr("The simulation is not waiting for an approval");
    const OperationResult r
        = m_engine->reject(m_executionId, m_waiting.value("position").toString().toStdString(),
                           "designer", comment.toStdString());
    return finishOperation(r.ok, r.error);
}

QString SimulationModel::sendEvent(const QString &payloadJson)
{
    if (!m_engine || m_waiting.isEmpty())
        return tr("The simulation is not waiting for an event");
    Json payload = Json::object();
    if (!payloadJson.trimmed().isEmpty()) {
        JsonReadError why;
        std::optional<Json> parsed = readJson(payloadJson.toStdString(), &why);
        if (!parsed) {
            setMessage(tr("The payload is not valid JSON: %1")
                           .arg(QString::fromStdString(why.message)));
            return m_message;
        }
        payload = std::move(*parsed);
    }
    const OperationResult r = m_engine->sendEvent(
        m_executionId, m_waiting.value("event").toString().toStdString(), payload);
    return finishOperation(r.ok, r.error);
}

void SimulationModel::clear()
{
    if (m_engine) {
        disconnect(m_engine.get(), nullptr, this, nullptr);
        m_engine.reset();
    }
    m_executionId.clear();
    m_pending.clear();
    if (!m_steps.isEmpty()) {
        beginResetModel();
        m_steps.clear();
        endResetModel();
        emit stepsChanged();
    }
    setShownStep(0);
    m_output.clear();
    m_error.clear();
    m_cause.clear();
    m_input.clear();
    m_waiting.clear();
    setMessage({});
    setStatus({});
}

void SimulationModel::onEvents(const QString &executionId, const QByteArray &events)
{
    if (executionId.toStdString() != m_executionId)
        return;
    const std::optional<Json> parsed = readJson(
        std::string_view(events.constData(), std::size_t(events.size())), nullptr,
        {kJsonMaxDepth, 0});
    if (!parsed || !parsed->is_array())
        return;
    const Json &list = *parsed;
    for (const Json &e : list)
        apply(e);
    if (!list.empty())
        emit stepsChanged(); // once per committed batch
}

int SimulationModel::lastStep(const QString &frame, const QString &state) const
{
    for (int i = int(m_steps.size()) - 1; i >= 0; --i)
        if (m_steps[i].frame == frame && m_steps[i].state == state)
            return i;
    return -1;
}

void SimulationModel::updateStep(int row, const QList<int> &roles)
{
    emit dataChanged(index(row), index(row), roles);
}

void SimulationModel::apply(const Json &e)
{
    const QString type = text(e, "type");
    const QString frame = text(e, "frame");
    const QString state = text(e, "state");
    const Json data = e.value("data", Json::object());
    if (type == QLatin1String("StateEntered")) {
        Step step;
        step.state = state;
        step.frame = frame;
        step.input = data.value("input", Json());
        const Pending p = m_pending.take(frame);
        step.from = p.from;
        step.edgeKind = p.kind;
        step.edgeRule = p.rule;
        const int row = int(m_steps.size());
        beginInsertRows({}, row, row);
        m_steps.append(step);
        endInsertRows();
        return;
    }
    const int row = state.isEmpty() ? -1 : lastStep(frame, state);
    if (type == QLatin1String("ChoiceTaken")) {
        const int rule = data.value("rule", -1);
        m_pending[frame]
            = {state, rule < 0 ? QStringLiteral("default") : QStringLiteral("choice"), rule};
    } else if (type == QLatin1String("StateExited") && row >= 0) {
        if (m_pending.value(frame).from != state)
            m_pending[frame] = {state, QStringLiteral("next"), -1};
        m_steps[row].status = QStringLiteral("succeeded");
        m_steps[row].output = data.value("output", Json());
        updateStep(row, {StatusRole, OutputRole});
    } else if (type == QLatin1String("StateFailed") && row >= 0) {
        m_steps[row].status = QStringLiteral("failed");
        m_steps[row].error = text(data, "error");
        m_steps[row].cause = text(data, "cause");
        updateStep(row, {StatusRole, ErrorRole, CauseRole});
    } else if (type == QLatin1String("CatchTaken") && row >= 0) {
        // The first catcher matching the error is the one taken (as the engine decides).
        int rule = -1;
        if (const State *s = findStateRecursive(m_definition.machine, state.toStdString())) {
            for (int i = 0; i < int(s->catchRules.size()) && rule < 0; ++i)
                if (s->catchRules[i].matches(data.value("error", std::string())))
                    rule = i;
        }
        m_pending[frame] = {state, QStringLiteral("catch"), rule};
        m_steps[row].status = QStringLiteral("caught");
        updateStep(row, {StatusRole});
    } else if (type == QLatin1String("EventAwaited") && row >= 0) {
        m_steps[row].status = QStringLiteral("waiting");
        updateStep(row, {StatusRole});
        m_waiting = QVariantMap{
            {QStringLiteral("state"), state},
            {QStringLiteral("position"), frame.isEmpty() ? state : frame + '/' + state},
            {QStringLiteral("kind"), text(data, "kind")},
            {QStringLiteral("event"), text(data, "event")},
            {QStringLiteral("prompt"), text(data, "prompt")},
            {QStringLiteral("assignee"), text(data, "assignee")},
            {QStringLiteral("form"),
             QJsonDocument::fromJson(
                 QByteArray::fromStdString(data.value("form", Json::array()).dump()))
                 .toVariant()},
            {QStringLiteral("step"), row + 1},
        };
        setStatus(QStringLiteral("WAITING"));
    } else if ((type == QLatin1String("EventReceived") || type == QLatin1String("ApprovalGranted")
                || type == QLatin1String("ApprovalRejected"))
               && row >= 0) {
        m_steps[row].status = QStringLiteral("running");
        updateStep(row, {StatusRole});
        m_waiting.clear();
        setStatus(QStringLiteral("RUNNING"));
    } else if (type == QLatin1String("ExecutionSucceeded")) {
        m_output = jsonText(data.value("output", Json()));
        m_waiting.clear();
        setStatus(QStringLiteral("SUCCEEDED"));
    } else if (type == QLatin1String("ExecutionFailed")
               || type == QLatin1String("ExecutionTimedOut")) {
        m_error = text(data, "error");
        m_cause = text(data, "cause");
        m_waiting.clear();
        setStatus(type == QLatin1String("ExecutionFailed") ? QStringLiteral("FAILED")
                                                           : QStringLiteral("TIMED_OUT"));
    }
}

void SimulationModel::setStatus(const QString &status)
{
    if (status == m_status)
        return;
    m_status = status;
    emit statusChanged();
}

void SimulationModel::setMessage(const QString &message)
{
    if (message == m_message)
        return;
    m_message = message;
    emit messageChanged();
}

} // namespace Signalbox
