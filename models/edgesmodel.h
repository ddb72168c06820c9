// EdgesModel: one row per transition drawn on the canvas (next, choice rule, default, catch),
// with its geometry precomputed in C++ (edgegeometry.h) as SVG path strings for QtQuick.Shapes.
// Transitions inside parallel branches and map processors are drawn inside their lanes; edges
// into and out of a container attach to its frame.
// Geometry-only changes (a node moved) emit dataChanged for exactly the edges that moved; a
// change in the set of transitions resets the model.
#pragma once

#include "containerlayout.h"
#include "edgegeometry.h"

#include <QAbstractListModel>
#include <QFont>
#include <QPointer>
#include <QSet>
#include <QtQml/qqmlregistration.h>

namespace Signalbox {

class WorkflowDocument;

class EdgesModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by GraphController")
    Q_PROPERTY(int selectedEdge READ selectedEdge NOTIFY selectedEdgeChanged)

public:
    enum class Kind { Next, Choice, Default, Catch };
    struct Edge
    {
        QString from;
        QString to;
        Kind kind = Kind::Next;
        int rule = -1; // index into choices / catch rules
        QString label;
        EdgeGeometry geometry;
        QRectF labelRect; // the label's pill in scene coordinates (empty without a label)
        QString key() const;
    };
    // One way out of a state, before it is drawn (the layout sizes the graph with these too).
    struct Transition
    {
        std::string to;
        Kind kind = Kind::Next;
        int rule = -1;
        QString label; // "" for plain next transitions
    };

    enum Role {
        FromRole = Qt::UserRole + 1,
        ToRole,
        KindRole, // "next", "choice", "default", "catch"
        LabelRole,
        PathRole,  // SVG path of the curve
        ArrowRole, // SVG path of the arrowhead
        LabelXRole,
        LabelYRole,
        DashedRole,
        RuleRole,
        SelectedRole,
        BoundsRole,    // scene rectangle of curve, arrow and label (for culling)
        LabelRectRole, // the label's pill, scene coordinates
        LabelFontRole, // the font the label is measured and drawn with
    };
    Q_ENUM(Role)

    explicit EdgesModel(QObject *parent = nullptr);

    void setDocument(WorkflowDocument *document);
    // Containers drawn collapsed: their content's edges are not drawn.
    void setCollapsed(const QSet<QString> &names);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    const QList<Edge> &edges() const { return m_edges; }
    // The edge under a scene point (within a few pixels), or -1.
    Q_INVOKABLE int edgeAt(qreal x, qreal y) const;
    int selectedEdge() const { return m_selected; }
    Q_INVOKABLE void setSelectedEdge(int row);

    // Every edge of a definition at the given positions, those inside expanded parallel
    // branches and map processors included (used by the renderer too). Curves go around the
    // other nodes of their flowchart; each label gets a place on or beside its own edge where
    // it covers no node, no container frame it is not inside, no other edge and no other label.
    static QList<Edge> computeEdges(const WorkflowDocument &document,
                                    const QSet<QString> &collapsed = {});
    static QList<Edge> computeEdges(const SceneLayout &scene);

    // The transitions of a state in drawing order (next, choice rules, default, catch rules).
    static QList<Transition> transitionsOf(const State &state);
    // The label's font and the size of its pill (the text with its padding).
    static QFont labelFont(Kind kind);
    static QSizeF labelSize(Kind kind, const QString &label);

signals:
    void selectedEdgeChanged();

private:
    // Returns how much the labels still cover (0: nothing they should not).
    static int placeLabels(QList<Edge> *edges, const SceneLayout &scene);
    void rebuild();

    QPointer<WorkflowDocument> m_document;
    QList<Edge> m_edges;
    QSet<QString> m_collapsed;
    int m_selected = -1;
    bool m_resetting = false;
};

} // namespace Signalbox
