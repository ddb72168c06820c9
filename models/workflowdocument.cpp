#include "workflowdocument.h"
#include "busycursor.h"

#include "commands/replacedefinitioncommand.h"
#include "containerlayout.h"
#include "diagnosticsmodel.h"
#include "diagramrenderer.h"
#include "graphlayout.h"
#include "nodegeometry.h"
#include "signalbox/codecs.h"
#include "signalbox/validator.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUrl>

namespace Signalbox {

namespace {

constexpr qint64 maxFileBytes = 1024 * 1024;

Definition defaultDefinition()
{
    Definition def;
    def.name = "new-workflow";
    def.machine.startAt = "first-step";
    State first;
    first.name = "first-step";
    first.type = StateType::Task;
    first.next = "done";
    State done;
    done.name = "done";
    done.type = StateType::Succeed;
    def.machine.states = {first, done};
    return def;
}

} // namespace

WorkflowDocument::WorkflowDocument(QObject *parent)
    : QObject(parent)
    , m_diagnostics(new DiagnosticsModel(this))
{
    m_yamlTimer.setSingleShot(true);
    m_yamlTimer.setInterval(0);
    connect(&m_yamlTimer, &QTimer::timeout, this, &WorkflowDocument::yamlTextChanged);
    connect(&m_undoStack, &QUndoStack::cleanChanged, this, &WorkflowDocument::dirtyChanged);
    m_autosaveTimer.setSingleShot(true);
    m_autosaveTimer.setInterval(2000);
    connect(&m_autosaveTimer, &QTimer::timeout, this, &WorkflowDocument::writeAutosave);
    connect(&m_undoStack, &QUndoStack::indexChanged, this, [this] {
        if (isDirty())
            m_autosaveTimer.start();
    });
    connect(&m_undoStack, &QUndoStack::indexChanged, this, &WorkflowDocument::undoStateChanged);
    connect(&m_undoStack, &QUndoStack::canUndoChanged, this, &WorkflowDocument::undoStateChanged);
    connect(&m_undoStack, &QUndoStack::canRedoChanged, this, &WorkflowDocument::undoStateChanged);
    setDocument(defaultDefinition(), {}, {}, {});
}

WorkflowDocument::~WorkflowDocument() = default;

QString WorkflowDocument::displayName() const
{
    return m_filePath.isEmpty() ? QStringLiteral("Untitled") : QFileInfo(m_filePath).fileName();
}

QString WorkflowDocument::workflowName() const
{
    return QString::fromStdString(m_definition.name);
}

bool WorkflowDocument::isDirty() const
{
    return !m_undoStack.isClean();
}

QString WorkflowDocument::yamlText() const
{
    if (m_yamlStale) {
        m_yamlText = QString::fromStdString(writeYaml(definitionWithLayout()));
        m_yamlStale = false;
    }
    return m_yamlText;
}

QString WorkflowDocument::startAt() const
{
    return QString::fromStdString(m_definition.machine.startAt);
}

QString WorkflowDocument::localPath(const QString &pathOrUrl)
{
    if (pathOrUrl.startsWith(QLatin1String("file:")))
        return QUrl(pathOrUrl).toLocalFile();
    return pathOrUrl;
}

void WorkflowDocument::newWorkflow()
{
    setDocument(defaultDefinition(), {}, {}, {});
}

bool WorkflowDocument::open(const QString &pathOrUrl)
{
    const QString path = localPath(pathOrUrl);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        setLastError(tr("Cannot open %1: %2").arg(path, file.errorString()));
        return false;
    }
    if (file.size() > maxFileBytes) {
        setLastError(tr("%1 is %2 KiB; workflow definitions are limited to 1 MiB")
                         .arg(path)
                         .arg(file.size() / 1024));
        return false;
    }
    const QString text = QString::fromUtf8(file.readAll());
    const bool ok = loadText(text, path);
    // ASL files are imported: saving must not overwrite the JSON with YAML.
    if (ok && looksLikeAsl(text.toStdString()))
        setFilePath({});
    return ok;
}

bool WorkflowDocument::openAsUntitled(const QString &pathOrUrl)
{
    if (!open(pathOrUrl))
        return false;
    setFilePath({});
    return true;
}

bool WorkflowDocument::exportTo(const QString &pathOrUrl, const QString &format)
{
    const QString path = localPath(pathOrUrl);
    QString kind = format.toLower();
    if (kind.isEmpty()) {
        const QString suffix = QFileInfo(path).suffix().toLower();
        kind = suffix == QLatin1String("json")  ? QStringLiteral("asl")
               : suffix == QLatin1String("mmd") ? QStringLiteral("mermaid")
               : suffix == QLatin1String("yml") ? QStringLiteral("yaml")
                                                : suffix;
    }
    QByteArray data;
    if (kind == QLatin1String("yaml")) {
        data = QString::fromStdString(writeYaml(definitionWithLayout())).toUtf8();
    } else if (kind == QLatin1String("asl")) {
        Diagnostics diags;
        std::optional<std::string> asl = writeAsl(m_definition, diags);
        if (!asl) {
            setLastError(
                tr("Cannot export to ASL: %1").arg(QString::fromStdString(diags.formatAll())));
            return false;
        }
        data = QByteArray::fromStdString(*asl);
    } else if (kind == QLatin1String("mermaid")) {
        data = QByteArray::fromStdString(writeMermaid(m_definition));
    } else if (kind == QLatin1String("png") || kind == QLatin1String("svg")) {
        DiagramRenderer renderer(*this);
        if (kind == QLatin1String("svg")) {
            data = renderer.toSvg();
        } else {
            QBuffer buffer(&data);
            buffer.open(QIODevice::WriteOnly);
            renderer.toImage().save(&buffer, "PNG");
        }
    } else {
        setLastError(tr("Unknown export format %1").arg(kind));
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit()) {
        setLastError(tr("Cannot write %1: %2").arg(path, file.errorString()));
        return false;
    }
    setLastError({});
    return true;
}

bool WorkflowDocument::loadText(const QString &text, const QString &fileName)
{
    BusyCursor busy; // reading and laying out a large workflow
    const std::string utf8 = text.toStdString();
    Diagnostics diags;
    const bool asl = looksLikeAsl(utf8);
    std::optional<Definition> def = asl ? readAsl(utf8, fileName.toStdString(), diags)
                                        : readYaml(utf8, fileName.toStdString(), diags);
    setLastError({});
    if (!def) {
        // Keep the text so the user can fix it in the YAML pane; the diagram is empty.
        Definition empty;
        empty.name = QFileInfo(fileName).baseName().toStdString();
        setDocument(empty, fileName, text, diags);
        showReadError(diags);
        revalidate();
        return true;
    }
    setDocument(*def, fileName, asl ? QString() : text, diags);
    return true;
}

bool WorkflowDocument::save()
{
    if (m_filePath.isEmpty()) {
        setLastError(tr("Choose a file name with Save As"));
        return false;
    }
    return saveAs(m_filePath);
}

bool WorkflowDocument::saveAs(const QString &pathOrUrl)
{
    const QString path = localPath(pathOrUrl);
    if (!m_yamlError.isEmpty() && m_definition.machine.states.empty()) {
        // Nothing good to save but the user's text: save the text as it is.
    } else if (!m_yamlError.isEmpty()) {
        m_yamlStale = true; // the pane holds invalid text; save the last good definition
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        setLastError(tr("Cannot write %1: %2").arg(path, file.errorString()));
        return false;
    }
    file.write(yamlText().toUtf8());
    if (!file.commit()) {
        setLastError(tr("Cannot write %1: %2").arg(path, file.errorString()));
        return false;
    }
    setLastError({});
    discardRecovery(); // of the untitled document, before the path changes
    setFilePath(path);
    m_undoStack.setClean();
    discardRecovery();
    return true;
}

QString WorkflowDocument::autosavePath(const QString &filePath)
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                        + QStringLiteral("/autosave/");
    if (filePath.isEmpty())
        return dir + QStringLiteral("untitled.yaml");
    const QByteArray key = QCryptographicHash::hash(QFileInfo(filePath).absoluteFilePath().toUtf8(),
                                                    QCryptographicHash::Sha1)
                               .toHex()
                               .left(16);
    return dir + QFileInfo(filePath).completeBaseName() + QLatin1Char('-')
           + QString::fromLatin1(key) + QStringLiteral(".yaml");
}

void WorkflowDocument::writeAutosave()
{
    m_autosaveTimer.stop();
    if (!isDirty())
        return;
    const QString path = autosavePath(m_filePath);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly)) {
        file.write(yamlText().toUtf8());
        file.commit();
    }
}

bool WorkflowDocument::hasRecovery() const
{
    QFile file(autosavePath(m_filePath));
    if (!file.open(QIODevice::ReadOnly))
        return false;
    return QString::fromUtf8(file.readAll()) != yamlText();
}

QDateTime WorkflowDocument::recoveryTime() const
{
    return QFileInfo(autosavePath(m_filePath)).lastModified();
}

bool WorkflowDocument::recover()
{
    QFile file(autosavePath(m_filePath));
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QString text = QString::fromUtf8(file.readAll());
    // Applied as an ordinary edit: undoable, and the document is dirty until saved.
    if (!applyYaml(text)) {
        m_yamlText = text; // show the recovered text with its error
        m_yamlStale = false;
        emit yamlTextChanged();
    }
    return true;
}

void WorkflowDocument::discardRecovery()
{
    m_autosaveTimer.stop();
    QFile::remove(autosavePath(m_filePath));
}

bool WorkflowDocument::applyYaml(const QString &text)
{
    if (text == yamlText() && m_yamlError.isEmpty())
        return true;
    Diagnostics diags;
    std::optional<Definition> def = readYaml(text.toStdString(), m_filePath.toStdString(), diags);
    if (!def) {
        // The diagram keeps the last good definition; the text's errors become problems.
        m_readDiagnostics = diags;
        showReadError(diags);
        revalidate();
        return false;
    }
    setYamlError({}, 0);
    m_readDiagnostics = diags;
    m_readIndex = m_undoStack.index() + 1; // the step the push below makes
    Snapshot after{*def, positionsFor(*def, m_positions), text};
    m_undoStack.push(new ReplaceDefinitionCommand(this, tr("Edit YAML"), snapshot(), after));
    revalidate(); // the push redid the step before the stack counted it
    return true;
}

const State *WorkflowDocument::state(const QString &name) const
{
    // Names are unique across branches: nested states are found too (indexOf() is top-level).
    return findStateRecursive(m_definition.machine, name.toStdString());
}

int WorkflowDocument::indexOf(const QString &name) const
{
    return m_definition.machine.indexOf(name.toStdString());
}

WorkflowDocument::Snapshot WorkflowDocument::snapshot() const
{
    return {m_definition, m_positions, m_yamlStale ? QString() : m_yamlText};
}

void WorkflowDocument::insertState(int index, const State &state, const QPointF &position)
{
    auto &states = m_definition.machine.states;
    index = std::clamp(index, 0, int(states.size()));
    emit stateAboutToBeInserted(index);
    states.insert(states.begin() + index, state);
    m_positions.insert(QString::fromStdString(state.name), position);
    emit stateInserted(index);
    emit stateCountChanged();
    changed();
}

State WorkflowDocument::removeStateAt(int index)
{
    auto &states = m_definition.machine.states;
    Q_ASSERT(index >= 0 && index < int(states.size()));
    emit stateAboutToBeRemoved(index);
    State removed = states[index];
    states.erase(states.begin() + index);
    m_positions.remove(QString::fromStdString(removed.name));
    emit stateRemoved(index);
    emit stateCountChanged();
    changed();
    return removed;
}

void WorkflowDocument::replaceState(int index, const State &state)
{
    auto &states = m_definition.machine.states;
    Q_ASSERT(index >= 0 && index < int(states.size()));
    const QString oldName = QString::fromStdString(states[index].name);
    states[index] = state;
    const QString newName = QString::fromStdString(state.name);
    if (oldName != newName)
        m_positions.insert(newName, m_positions.take(oldName));
    emit stateChanged(index);
    changed();
}

void WorkflowDocument::setPositions(const QHash<QString, QPointF> &positions)
{
    for (auto it = positions.begin(); it != positions.end(); ++it) {
        const int index = indexOf(it.key());
        if (index < 0 || m_positions.value(it.key()) == it.value())
            continue;
        m_positions.insert(it.key(), it.value());
        emit positionChanged(index);
    }
    m_yamlStale = true;
    m_yamlTimer.start();
}

void WorkflowDocument::setStartAt(const QString &name)
{
    if (startAt() == name)
        return;
    m_definition.machine.startAt = name.toStdString();
    emit startChanged();
    changed();
}

void WorkflowDocument::restore(const Snapshot &snapshot)
{
    emit aboutToReset();
    const QString oldStart = startAt();
    const int oldCount = stateCount();
    m_definition = snapshot.definition;
    m_positions = snapshot.positions;
    emit reset();
    if (oldCount != stateCount())
        emit stateCountChanged();
    if (oldStart != startAt())
        emit startChanged();
    changed();
    if (!snapshot.yamlText.isEmpty()) {
        m_yamlText = snapshot.yamlText;
        m_yamlStale = false;
    }
}

Definition WorkflowDocument::definitionWithLayout() const
{
    Definition def = m_definition;
    Json layout = def.layout && def.layout->is_object() ? *def.layout : Json::object();
    Json states = Json::object();
    for (const State &s : def.machine.states) {
        const QPointF p = m_positions.value(QString::fromStdString(s.name));
        states[s.name] = Json{{"x", qRound(p.x())}, {"y", qRound(p.y())}};
    }
    layout["states"] = states;
    def.layout = layout;
    return def;
}

QHash<QString, QPointF> WorkflowDocument::autoLayout(const Definition &definition)
{
    // The same layout as the branches inside containers (room for edge labels included);
    // parallel and map states take the room of their expanded branches.
    QHash<QString, QPointF> positions = ContainerLayout::autoLayout(definition.machine);
    for (QPointF &p : positions)
        p = snapToGrid(p);
    return positions;
}

QHash<QString, QPointF> WorkflowDocument::positionsFor(const Definition &definition,
                                                       const QHash<QString, QPointF> &previous)
{
    QHash<QString, QPointF> positions;
    const Json *saved = nullptr;
    if (definition.layout && definition.layout->is_object() && definition.layout->contains("states")
        && (*definition.layout)["states"].is_object())
        saved = &(*definition.layout)["states"];
    QStringList missing;
    for (const State &s : definition.machine.states) {
        const QString name = QString::fromStdString(s.name);
        if (saved && saved->contains(s.name)) {
            const Json &p = (*saved)[s.name];
            if (p.is_object() && p.value("x", Json()).is_number()
                && p.value("y", Json()).is_number()) {
                positions.insert(name, QPointF(p["x"].get<double>(), p["y"].get<double>()));
                continue;
            }
        }
        if (previous.contains(name)) {
            positions.insert(name, previous.value(name));
            continue;
        }
        missing.append(name);
    }
    if (missing.size() == int(definition.machine.states.size()))
        return autoLayout(definition);
    // Place each missing state below a placed predecessor, else right of the drawing.
    qreal right = 0;
    for (const QPointF &p : std::as_const(positions))
        right = std::max(right, p.x() + 240);
    for (const QString &name : std::as_const(missing)) {
        QPointF at(right, 64);
        for (const State &s : definition.machine.states) {
            const auto succ = s.successors();
            const QString from = QString::fromStdString(s.name);
            if (positions.contains(from)
                && std::find(succ.begin(), succ.end(), name.toStdString()) != succ.end()) {
                at = positions.value(from) + QPointF(0, ContainerLayout::size(s).height() + 76);
                break;
            }
        }
        positions.insert(name, snapToGrid(at));
        right = std::max(right, at.x() + 240);
    }
    return positions;
}

void WorkflowDocument::setDocument(Definition definition, const QString &filePath,
                                   const QString &yamlText, const Diagnostics &readDiagnostics)
{
    m_readDiagnostics = readDiagnostics;
    Snapshot snap{std::move(definition), {}, yamlText};
    snap.positions = positionsFor(snap.definition);
    restore(snap);
    setYamlError({}, 0);
    m_yamlTimer.stop();
    emit yamlTextChanged();
    m_undoStack.clear();
    m_readIndex = m_undoStack.index();
    revalidate(); // with the reader's errors, now that the text is the document's
    setFilePath(filePath);
    emit dirtyChanged();
}

void WorkflowDocument::changed()
{
    revalidate();
    m_yamlStale = true;
    m_yamlTimer.start();
    if (workflowName() != m_previousName) {
        m_previousName = workflowName();
        emit workflowNameChanged();
    }
}

void WorkflowDocument::revalidate()
{
    Diagnostics diags;
    // The reader's errors stand while the text they describe is the document: a file that does
    // not parse, or parses with errors (a duplicate key, an unknown field), is never "valid",
    // whatever the (empty or last good) diagram says. An edit after the read replaces the text
    // (the YAML is written again from the diagram), and the validator speaks for it.
    const bool textIsCurrent = !m_yamlError.isEmpty() || m_undoStack.index() == m_readIndex;
    for (const Diagnostic &d : m_readDiagnostics.items())
        if (d.severity == Diagnostic::Severity::Warning || textIsCurrent)
            diags.add(d);
    if (!m_definition.machine.states.empty() || m_yamlError.isEmpty())
        validateDefinition(m_definition, diags);
    m_problems.clear();
    for (const Diagnostic &d : diags.items()) {
        if (d.state.empty())
            continue;
        const QString name = QString::fromStdString(d.state);
        QString &text = m_problems[name];
        if (!text.isEmpty())
            text += QLatin1Char('\n');
        text += QString::fromStdString(d.message);
    }
    m_diagnostics->setDiagnostics(diags.items());
    emit diagnosticsUpdated();
}

void WorkflowDocument::showReadError(const Diagnostics &diags)
{
    for (const Diagnostic &d : diags.items()) {
        if (d.severity == Diagnostic::Severity::Error) {
            setYamlError(QString::fromStdString(d.message), d.location.line);
            return;
        }
    }
    setYamlError(tr("The YAML could not be read"), 0);
}

void WorkflowDocument::setYamlError(const QString &message, int line)
{
    if (m_yamlError == message && m_yamlErrorLine == line)
        return;
    m_yamlError = message;
    m_yamlErrorLine = line;
    emit yamlErrorChanged();
}

void WorkflowDocument::setLastError(const QString &message)
{
    if (m_lastError == message)
        return;
    m_lastError = message;
    emit lastErrorChanged();
}

void WorkflowDocument::setFilePath(const QString &path)
{
    if (m_filePath == path)
        return;
    m_filePath = path;
    emit filePathChanged();
}

} // namespace Signalbox
