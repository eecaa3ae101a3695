"""Messages of sharing the ledger through git (`caseledger sync`, `caseledger status`, SPEC §12)
and of the ledger's time zone (SPEC §3). Git's words are always said with what they mean."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "check.event_before_received": (
        "this event is dated {at}, before the issue was received ({received}): correct the date (an office's clock in another time zone?)",
        "该事件日期为 {at}，早于问题受理日期（{received}）：请更正日期（是否某办公室电脑的时区不同？）",
    ),
    "value.utc_offset": (
        "should be a UTC offset such as +08:00 (the ledger's time zone), not '{value}'",
        "应为 +08:00 这样的 UTC 时差（台账的时区），而不是“{value}”",
    ),
    "commit.sync.changed": (
        "records changed before sharing: {files}",
        "同步前提交已修改的记录：{files}",
    ),
    # -- help ---------------------------------------------------------------------------------
    "help.sync": (
        "Share this copy's work with the other offices through the shared git copy (the remote): receive theirs, check the result, send yours. Refuses while record files are changed and not committed; on a conflict or a problem brought in, changes nothing and explains.\n\nExample: caseledger sync",
        "通过共享的 git 副本（远程仓库）与其他办公室交换台账：先接收别人的更新，检查合并结果，再发送本机的修改。有未提交的记录文件时拒绝执行；遇到冲突或收到有问题的记录时，本机不做任何改动并说明原因。\n\n示例：caseledger sync",
    ),
    "help.sync.remote": (
        "The shared copy to sync with (a git remote name; default: the branch's own, else origin).",
        "要同步的共享副本（git 远程仓库名；默认为当前分支所跟踪的，否则为 origin）。",
    ),
    "help.status": (
        "Say how this copy stands against the shared copy: office prefix, the remote, changes to send and to receive (as of the last sync), record files changed and not committed.\n\nExample: caseledger status",
        "显示本机副本与共享副本的差别：编号前缀、远程仓库、待发送和待接收的修改（以上次同步时为准）、已修改但未提交的记录文件。\n\n示例：caseledger status",
    ),
    # -- refusals -------------------------------------------------------------------------------
    "error.sync.git_missing": (
        "git is not installed (or not on PATH): the ledger is shared through git; install git and try again",
        "未安装 git（或不在 PATH 中）：台账通过 git 共享，请先安装 git 再重试",
    ),
    "error.sync.not_repo": (
        "{path} is not in a git repository, so there is nothing to share it with: get the county's copy with 'git clone URL', or make this one a repository with 'git init' and 'git remote add origin URL'",
        "{path} 不在 git 仓库中，无法共享：请用 git clone 网址 取得县里的副本，或用 git init 和 git remote add origin 网址 把本目录设为仓库",
    ),
    "error.sync.no_branch": (
        "this copy is not on a branch (git calls it a 'detached HEAD'): go back to the ledger's branch with 'git switch main'",
        "本机副本不在任何分支上（git 称为 detached HEAD）：请用 git switch main 回到台账的分支",
    ),
    "error.sync.no_commit": (
        "this copy has nothing committed yet: commit the ledger once ('git add -A' then 'git commit -m start'), then sync",
        "本机副本还没有任何提交：请先提交一次（git add -A，再 git commit -m start），然后同步",
    ),
    "error.sync.no_remote": (
        "this copy has no remote (the shared copy on the county's server or shared folder): add it with 'git remote add origin URL'",
        "本机副本没有远程仓库（县里服务器或共享文件夹上的共享副本）：请用 git remote add origin 网址 添加",
    ),
    "error.sync.unknown_remote": (
        "there is no remote (shared copy) named {remote}; this copy knows: {known}. Use one of those with --remote, or add it with 'git remote add {remote} URL'",
        "没有名为 {remote} 的远程仓库（共享副本）；本机已有：{known}。请用 --remote 指定其中之一，或用 git remote add {remote} 网址 添加",
    ),
    "error.sync.git_failed": (
        "git failed at its step '{step}': {detail}. Nothing was lost: run caseledger sync again, and if it fails the same way, ask for help with this message",
        "git 在“{step}”步骤失败：{detail}。没有丢失任何内容：请再次运行 caseledger sync；如仍以同样方式失败，请带上这条信息求助",
    ),
    "error.sync.uncommitted": (
        "{count} record file(s) changed and not committed (not yet saved in git); sync shares only committed work:",
        "有 {count} 个记录文件已改动但未提交（尚未存入 git）；同步只共享已提交的内容：",
    ),
    "msg.sync.commit_all": (
        "To commit them all in one commit and share: caseledger --commit sync",
        "一并提交并同步：caseledger --commit sync",
    ),
    "msg.sync.undo_one": (
        "To drop a change instead: git checkout -- FILE (a file not yet in git: delete it)",
        "如要放弃某个改动：git checkout -- 文件（尚未存入 git 的新文件直接删除）",
    ),
    "error.sync.local_changes": (
        "{count} file(s) that the incoming changes touch have changes of their own here, not committed; commit or undo them first ('git status' lists them), then sync again:",
        "有 {count} 个文件将被收到的更新改动，但本机对它们有未提交的修改；请先提交或撤销（git status 可列出），再同步：",
    ),
    "error.sync.unreachable": (
        "could not reach the remote {remote} ({url}): {detail}. Nothing was changed in this copy and your work is kept here: check the network or the shared folder and run caseledger sync again",
        "无法连接远程仓库 {remote}（{url}）：{detail}。本机副本没有任何改动，您的工作都还在：请检查网络或共享文件夹后再次运行 caseledger sync",
    ),
    "error.sync.unrelated": (
        "the remote {remote} holds a different ledger (no history in common with this copy): get the county's copy with 'git clone URL' and work in it",
        "远程仓库 {remote} 中是另一套台账（与本机副本没有共同历史）：请用 git clone 网址 取得县里的副本并在其中工作",
    ),
    "error.sync.conflict": (
        "{count} record(s) were changed both here and at the remote {remote} (git calls it a conflict); nothing was changed in this copy:",
        "有 {count} 条记录在本机和远程仓库 {remote} 都被修改过（git 称为“冲突”）；本机副本没有任何改动：",
    ),
    "error.sync.check_failed": (
        "the changes from the other offices bring {count} problem(s) that caseledger check finds; nothing was sent and this copy is as it was. Ask the office that made them to correct them, then sync again:",
        "其他办公室的更新带来了 {count} 个 caseledger check 能发现的问题；没有发送任何内容，本机副本保持原样。请联系相关办公室更正后再同步：",
    ),
    "error.sync.too_many_rounds": (
        "the remote {remote} refused the changes {rounds} times (other offices sending at the same moment, or the server refusing); nothing was lost and this copy is as it was: run caseledger sync again in a minute",
        "远程仓库 {remote} 连续 {rounds} 次拒绝接收（其他办公室正同时发送，或服务器拒绝）；没有丢失任何内容，本机副本保持原样：请过一分钟再运行 caseledger sync",
    ),
    # -- lines under a refusal -------------------------------------------------------------------
    "msg.sync.file": ("  {file}", "  {file}"),
    "msg.sync.more": ("  … and {count} more", "  ……另有 {count} 个"),
    "msg.sync.problem": ("  {problem}", "  {problem}"),
    "msg.sync.conflict_record": ("  {kind} {name} ({file}):", "  {kind} {name}（文件 {file}）："),
    "msg.sync.here_event": (
        "    here, its last event: {action} by {by} at {at}",
        "    本机：最后一条记录为 {at} {by} {action}",
    ),
    "msg.sync.here_deleted": ("    here: the file was deleted", "    本机：该文件已删除"),
    "msg.sync.here_changed": ("    here: changed", "    本机：已修改"),
    "msg.sync.there_event": (
        "    at {remote}, its last event: {action} by {by} at {at}",
        "    远程仓库 {remote}：最后一条记录为 {at} {by} {action}",
    ),
    "msg.sync.there_deleted": (
        "    at {remote}: the file was deleted",
        "    远程仓库 {remote}：该文件已删除",
    ),
    "msg.sync.there_changed": ("    at {remote}: changed", "    远程仓库 {remote}：已修改"),
    "msg.sync.conflict_todo": (
        "What to do: agree with the other office which changes stand, then combine them as the README says under 'When two offices changed the same record', and run caseledger sync again.",
        "处理办法：与另一办公室商定以哪些修改为准，再按 README 中“两个办公室改了同一条记录”一节合并，然后再次运行 caseledger sync。",
    ),
    "repair.sync_undone": (
        "repaired: an interrupted caseledger sync had started moving this copy; it is back as it was before (run caseledger sync again)",
        "已修复：一次被中断的 caseledger sync 曾开始更新本机副本，现已恢复原样（请再次运行 caseledger sync）",
    ),
    # -- what sync did ---------------------------------------------------------------------------
    "msg.sync.done": ("synced with {remote} ({where})", "已与 {remote}（{where}）同步"),
    "msg.sync.committed": (
        "committed first: {count} changed record file(s)",
        "已先提交 {count} 个已修改的记录文件",
    ),
    "msg.sync.came_in": ("came in from the other offices:", "收到其他办公室的更新："),
    "msg.sync.nothing_came": ("nothing new from the other offices", "其他办公室没有新的更新"),
    "msg.sync.in_new": ("  new {kind} ({count}): {keys}", "  新增{kind}（{count}）：{keys}"),
    "msg.sync.in_changed": ("  changed {kind} ({count}): {keys}", "  修改{kind}（{count}）：{keys}"),
    "msg.sync.in_removed": ("  removed {kind} ({count}): {keys}", "  删除{kind}（{count}）：{keys}"),
    "msg.sync.went_out": (
        "sent to {remote} ({count} change(s), git commits):",
        "已发送到 {remote}（{count} 项修改，即 git 提交）：",
    ),
    "msg.sync.subject": ("  {subject}", "  {subject}"),
    "msg.sync.nothing_out": ("nothing of this copy's to send", "本机没有需要发送的修改"),
    "msg.sync.first_push": (
        "the shared copy now holds this ledger's branch {branch} (the first sync of a new ledger)",
        "共享副本中现已有本台账的分支 {branch}（新台账的第一次同步）",
    ),
    "msg.sync.remote_head_missing": (
        "but the shared copy was made without --initial-branch={branch}: a `git clone` of it gets no"
        " files. Fix it once, where the shared copy is: git --git-dir={path} symbolic-ref HEAD"
        " refs/heads/{branch} (or make it again with git init --bare --initial-branch={branch})",
        "但共享副本建立时没有加 --initial-branch={branch}：其他办公室 git clone 得到的副本里没有文件。"
        "请在共享副本所在处执行一次：git --git-dir={path} symbolic-ref HEAD refs/heads/{branch}"
        "（或用 git init --bare --initial-branch={branch} 重新建立）",
    ),
    "msg.sync.rounds": (
        "other offices were sending at the same moment: done in {rounds} rounds",
        "其他办公室同时在发送：共进行了 {rounds} 轮",
    ),
    # -- where a remote is -------------------------------------------------------------------------
    "msg.remote.folder": ("the folder {path}", "文件夹 {path}"),
    "msg.remote.ssh": ("the server {host} over ssh, {path}", "服务器 {host}（ssh），{path}"),
    "msg.remote.web": ("the web address {url}", "网址 {url}"),
    "msg.remote.other": ("{url}", "{url}"),
    # -- status ------------------------------------------------------------------------------------
    "msg.status.office": ("Office prefix (of new numbers): {office}", "编号前缀：{office}"),
    "msg.status.no_office": (
        "Office prefix: none (set one with caseledger office CODE before opening issues)",
        "编号前缀：未设置（登记问题前请用 caseledger office 代码 设置）",
    ),
    "msg.status.remote": (
        "Shared copy (git remote {remote}): {where}",
        "共享副本（git 远程仓库 {remote}）：{where}",
    ),
    "msg.status.no_remote": (
        "Shared copy: none (add it with git remote add origin URL)",
        "共享副本：未设置（请用 git remote add origin 网址 添加）",
    ),
    "msg.status.to_push": (
        "To send (commits to push: saved here, not yet in the shared copy): {count}",
        "待发送（本机已提交、共享副本中还没有的修改）：{count}",
    ),
    "msg.status.to_pull": (
        "To receive (commits to pull: in the shared copy, not yet here; as of the last sync, {fetched}): {count}",
        "待接收（共享副本中有、本机还没有的修改；以上次同步 {fetched} 为准）：{count}",
    ),
    "msg.status.never_fetched": (
        "To receive (commits to pull): not known yet, this copy has never synced",
        "待接收（共享副本中的新修改）：尚不清楚，本机还从未同步过",
    ),
    "msg.status.no_remote_branch": (
        "The shared copy has no branch {branch} yet: the first caseledger sync sends it",
        "共享副本中还没有分支 {branch}：第一次运行 caseledger sync 时会发送过去",
    ),
    "msg.status.uncommitted": (
        "Record files changed and not committed (not yet saved in git; sync refuses until they are): {count}",
        "已修改但未提交的记录文件（尚未存入 git，提交前无法同步）：{count}",
    ),
    "msg.status.clean": (
        "Record files changed and not committed: none",
        "已修改但未提交的记录文件：无",
    ),
    # -- kinds of record, as named in sync's report --------------------------------------------------
    "word.kind.township": ("township", "乡镇"),
    "word.kind.village": ("village", "村"),
    "word.kind.pairing": ("pairing", "结对"),
    "word.kind.cadre": ("cadre", "干部"),
    "word.kind.visit": ("visit", "走访记录"),
    "word.kind.aid": ("aid", "帮扶记录"),
    "word.kind.issue": ("issue", "问题"),
    "word.kind.settings": ("settings", "台账设置"),
    "word.kind.other": ("other file", "其他文件"),
    # -- status as a field/value sheet (csv, tsv, xlsx) ----------------------------------------------
    "col.status.office": ("office prefix", "编号前缀"),
    "col.status.remote": ("remote (shared copy)", "远程仓库（共享副本）"),
    "col.status.url": ("remote's address", "远程仓库地址"),
    "col.status.remote_kind": ("kind of address", "地址类型"),
    "col.status.remote_host": ("server", "服务器"),
    "col.status.remote_path": ("path on it", "路径"),
    "col.status.branch": ("branch", "分支"),
    "col.status.remote_branch_exists": ("branch in the shared copy", "共享副本中有此分支"),
    "col.status.to_push": ("to send (commits to push)", "待发送（待推送的提交）"),
    "col.status.to_pull": ("to receive (commits to pull)", "待接收（待拉取的提交）"),
    "col.status.fetched": ("last sync", "上次同步"),
    "col.status.uncommitted": ("record files not committed", "未提交的记录文件"),
}
