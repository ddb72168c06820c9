<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>ApprovalsPage</name>
    <message numerus="yes">
        <source>%n pending</source>
        <translation>
            <numerusform>%n pending</numerusform>
            <numerusform>%n pending</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryPane</name>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n event</numerusform>
            <numerusform>%n events</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n state(s)</source>
        <translation>
            <numerusform>%n state</numerusform>
            <numerusform>%n states</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IterationPicker</name>
    <message numerus="yes">
        <source>All %n iteration(s)</source>
        <translation>
            <numerusform>All %n iteration</numerusform>
            <numerusform>All %n iterations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed: show the next one</source>
        <translation>
            <numerusform>%n failed: show the next one</numerusform>
            <numerusform>%n failed: show the next one</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message numerus="yes">
        <source>%n state(s)</source>
        <translation>
            <numerusform>%n state</numerusform>
            <numerusform>%n states</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NodeDelegate</name>
    <message numerus="yes">
        <source>%n error handler(s)</source>
        <translation>
            <numerusform>%n error handler</numerusform>
            <numerusform>%n error handlers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message numerus="yes">
        <source>Move %n states</source>
        <translation>
            <numerusform>Move %n state</numerusform>
            <numerusform>Move %n states</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n states</source>
        <translation>
            <numerusform>Delete %n state</numerusform>
            <numerusform>Delete %n states</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RunDialog</name>
    <message numerus="yes">
        <source>%n field(s) to fix before starting</source>
        <translation>
            <numerusform>%n field to fix before starting</numerusform>
            <numerusform>%n fields to fix before starting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Does not fit the workflow's input schema: %n field(s) to fix (see Form)</source>
        <translation>
            <numerusform>Does not fit the workflow's input schema: %n field to fix (see Form)</numerusform>
            <numerusform>Does not fit the workflow's input schema: %n fields to fix (see Form)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RunNode</name>
    <message numerus="yes">
        <source>Entered %n time(s)</source>
        <translation>
            <numerusform>Entered %n time</numerusform>
            <numerusform>Entered %n times</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SideRail</name>
    <message numerus="yes">
        <source>%n pending</source>
        <translation>
            <numerusform>%n pending</numerusform>
            <numerusform>%n pending</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Signalbox::GraphController</name>
    <message numerus="yes">
        <source>Delete %n states</source>
        <translation>
            <numerusform>Delete %n state</numerusform>
            <numerusform>Delete %n states</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Signalbox::InputForm</name>
    <message numerus="yes">
        <source>At least %n character(s)</source>
        <translation>
            <numerusform>At least %n character</numerusform>
            <numerusform>At least %n characters</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>At most %n character(s)</source>
        <translation>
            <numerusform>At most %n character</numerusform>
            <numerusform>At most %n characters</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Signalbox::NodesModel</name>
    <message numerus="yes">
        <source>%n rule(s)</source>
        <translation>
            <numerusform>%n rule</numerusform>
            <numerusform>%n rules</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n branch(es)</source>
        <translation>
            <numerusform>%n branch</numerusform>
            <numerusform>%n branches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Each item: %n state(s)</source>
        <translation>
            <numerusform>Each item: %n state</numerusform>
            <numerusform>Each item: %n states</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Signalbox::SimulationModel</name>
    <message numerus="yes">
        <source>The workflow has %n problem(s); fix them first (see Problems).</source>
        <translation>
            <numerusform>The workflow has %n problem; fix them first (see Problems).</numerusform>
            <numerusform>The workflow has %n problems; fix them first (see Problems).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Signalbox::StateEditor</name>
    <message numerus="yes">
        <source>… %n more</source>
        <translation>
            <numerusform>… %n more</numerusform>
            <numerusform>… %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StepInspector</name>
    <message numerus="yes">
        <source>entered %n time(s)</source>
        <translation>
            <numerusform>entered %n time</numerusform>
            <numerusform>entered %n times</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WorkflowInspector</name>
    <message numerus="yes">
        <source>%n state(s). Select a state to edit it.</source>
        <translation>
            <numerusform>%n state. Select a state to edit it.</numerusform>
            <numerusform>%n states. Select a state to edit it.</numerusform>
        </translation>
    </message>
</context>
</TS>