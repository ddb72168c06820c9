// TimelineModel: the selected execution's history as bars on a time axis, for the Runs place's
// Timeline view. One row per bar, derived from the same events as the history table:
//  - a "visit" bar per state visit (StateEntered → StateExited / StateFailed / CatchTaken),
//    whose kind says what the state did: task, wait (a timer), approval, event, activity (a task
//    completed by a person or worker), step (pass, choice, parallel, map...);
//  - inside a task visit, one "attempt" bar per attempt (TaskScheduled → its outcome) and a
//    "backoff" bar for each gap before a retry (RetryScheduled → the next TaskScheduled).
// Bars sit in lanes, one per state (and frame, for parallel branches and map iterations), in the
// order the states were first entered. Bars that are still open (running, waiting, retrying)
// have `open` set and no end yet (0); the view draws them up to "now".
#pragma once

#include "signalbox/history.h"

#include <QAbstractListModel>
#include <QHash>
#include <QPointer>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

#include <vector>

namespace Signalbox {

class HistoryModel;
Q_MOC_INCLUDE("historymodel.h") // moc needs the complete type for the property

class TimelineModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    // The source of the events; the timeline follows its appends and resets.
    Q_PROPERTY(Signalbox::HistoryModel *history READ history WRITE setHistory NOTIFY historyChanged)
    // Narrows the lanes to states whose name (or a bar's kind or status) contains this text,
    // case-insensitively; hidden lanes' bars get shownLane -1.
    Q_PROPERTY(QString filter READ filter WRITE setFilter NOTIFY filterChanged)
    // Time axis: the first event and the last one (ms since the epoch, UTC).
    Q_PROPERTY(double startMs READ startMs NOTIFY rangeChanged)
    Q_PROPERTY(double endMs READ endMs NOTIFY rangeChanged)
    // Some bar is still open (the execution is live): the view extends the axis to "now".
    Q_PROPERTY(bool live READ isLive NOTIFY rangeChanged)
    // Labels of the lanes that pass the filter, top to bottom.
    Q_PROPERTY(QStringList lanes READ shownLanes NOTIFY lanesChanged)
    // The state of each shown lane (lanes may repeat a state in several frames).
    Q_PROPERTY(QStringList laneStates READ shownLaneStates NOTIFY lanesChanged)
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

public:
    enum Role {
        StateRole = Qt::UserRole + 1,
        FrameRole,
        LaneRole,      // index among all lanes
        ShownLaneRole, // index among the lanes that pass the filter, -1 when hidden
        BarRole,       // "visit", "attempt", "backoff"
        KindRole,      // visit: task, wait, approval, event, activity, step; attempt: task,
                       // activity; backoff: backoff
        StatusRole,    // running, waiting, retrying, succeeded, failed, cancelled
        AttemptRole,   // attempt number (attempt and backoff bars: the attempt that follows)
        VisitRole,     // 1-based visit of the state in its frame
        StartRole,     // ms since the epoch (double, for QML)
        EndRole,       // ms since the epoch; 0 while the bar is open
        OpenRole,
        DueRole,   // backoff: when the next attempt is due (ms), else 0
        LabelRole, // one line for a tooltip ("attempt 2 failed: Task.ExitCode")
    };
    Q_ENUM(Role)

    struct Bar
    {
        QString state;
        QString frame;
        int lane = 0;
        QString bar;
        QString kind;
        QString status;
        int attempt = 0;
        int visit = 0;
        qint64 startMs = 0;
        qint64 endMs = 0;
        bool open = true;
        qint64 dueMs = 0;
        QString label;
    };

    explicit TimelineModel(QObject *parent = nullptr);
    ~TimelineModel() override;

    HistoryModel *history() const { return m_history; }
    void setHistory(HistoryModel *history);
    QString filter() const { return m_filter; }
    void setFilter(const QString &filter);
    double startMs() const { return double(m_startMs); }
    double endMs() const { return double(m_endMs); }
    bool isLive() const { return m_openCount > 0; }
    QStringList shownLanes() const;
    QStringList shownLaneStates() const;

    // Replaces the events (one reset) / adds events that follow the ones given so far (one
    // rowsInserted for new bars, one dataChanged per existing bar that changed). The history
    // property calls these; tests may call them directly.
    void setEvents(const std::vector<HistoryEvent> &events);
    void appendEvents(const std::vector<HistoryEvent> &events);

    const std::vector<Bar> &bars() const { return m_bars; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void historyChanged();
    void filterChanged();
    void rangeChanged();
    void lanesChanged();
    void countChanged();

private:
    struct Lane
    {
        QString frame;
        QString state;
        int visits = 0;
        int openVisit = -1;   // row of the open visit bar
        int openAttempt = -1; // row of the open attempt bar
        int openBackoff = -1; // row of the open backoff bar
    };

    void clear();
    void process(const HistoryEvent &e);
    Bar &edit(int row);
    int addBar(Bar bar);
    int openVisit(const QString &frame, const QString &state);
    void setVisit(int lane, const QString &kind, const QString &status);
    void close(int row, qint64 atMs, const QString &status, const QString &label = {});
    void closeAll(qint64 atMs, const QString &status);
    int laneFor(const QString &frame, const QString &state);
    bool laneShown(int lane) const;
    void updateShownLanes();

    QPointer<HistoryModel> m_history;
    QString m_filter;
    std::vector<Bar> m_bars;
    std::vector<Lane> m_lanes;
    QHash<QString, int> m_laneIndex; // frame + '/' + state -> lane
    std::vector<int> m_shown;        // lane -> shown lane or -1
    int m_openCount = 0;
    qint64 m_startMs = 0;
    qint64 m_endMs = 0;
    std::size_t m_consumed = 0; // events of the history model read so far
    int m_announced = 0;        // rows the views know of (bars added in a batch come after)
    std::vector<int> m_changed; // while appending: announced rows that changed
};

} // namespace Signalbox
