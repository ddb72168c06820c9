// NodesModel: one row per top-level state of the open workflow, with everything a node delegate
// draws (type, position, size, badges, problem text, selection). Rows follow the document's
// fine-grained signals, so moving one node emits one dataChanged for one row.
#pragma once

#include <QAbstractListModel>
#include <QPointer>
#include <QRectF>
#include <QSet>
#include <QtQml/qqmlregistration.h>

namespace Signalbox {

class WorkflowDocument;
struct State;

class NodesModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by GraphController")
    Q_PROPERTY(QRectF bounds READ bounds NOTIFY boundsChanged)

public:
    enum Role {
        NameRole = Qt::UserRole + 1,
        StateTypeRole, // "task", "choice", "wait_for_event"...
        TypeLabelRole, // "Task", "Wait for event"...
        XRole,
        YRole,
        WidthRole,
        HeightRole,
        ShapeRole, // "box", "diamond", "terminal"
        CommentRole,
        SubtitleRole, // one line about what the state does
        IsStartRole,
        IsEndRole,
        RetryCountRole, // retry policies
        CatchCountRole, // catch rules
        TimeoutRole,    // seconds, 0 when none
        ProblemRole,    // validator messages for this state, "" when fine
        SelectedRole,
    };
    Q_ENUM(Role)

    explicit NodesModel(QObject *parent = nullptr);

    void setDocument(WorkflowDocument *document);
    WorkflowDocument *document() const { return m_document; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    Q_INVOKABLE int indexOf(const QString &name) const;
    Q_INVOKABLE QString nameAt(int row) const;
    Q_INVOKABLE QRectF nodeRect(const QString &name) const;
    // The topmost node under a scene point, or "".
    Q_INVOKABLE QString nodeAt(qreal x, qreal y) const;
    QRectF bounds() const; // of all nodes, in scene coordinates

    QStringList selection() const;
    bool isSelected(const QString &name) const { return m_selected.contains(name); }
    void setSelection(const QStringList &names);

    static QString subtitleFor(const State &state);

signals:
    void boundsChanged();
    void selectionChanged();

private:
    void emitRow(int row, const QList<int> &roles);
    void refreshProblems();

    QPointer<WorkflowDocument> m_document;
    QSet<QString> m_selected;
    QHash<QString, QString> m_problems; // last problems seen, to signal only changed rows
};

} // namespace Signalbox
