<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DashboardFeed</name>
    <message>
        <source>(no model)</source>
        <translation>（无模型）</translation>
    </message>
    <message>
        <source>removed key %1</source>
        <translation>已移除密钥 %1</translation>
    </message>
    <message>
        <source>other keys</source>
        <translation>其他密钥</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>Statistics for:</source>
        <translation>统计范围：</translation>
    </message>
</context>
<context>
    <name>ErrorLogViewer</name>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>yyyy-MM-dd HH:mm</source>
        <translation>yyyy-MM-dd HH:mm</translation>
    </message>
    <message>
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Delete selected</source>
        <translation>删除所选</translation>
    </message>
    <message>
        <source>Delete all…</source>
        <translation>全部删除…</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上一页</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一页</translation>
    </message>
</context>
<context>
    <name>KeyDetailDialog</name>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Key:</source>
        <translation>密钥：</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Failures in a row:</source>
        <translation>连续失败次数：</translation>
    </message>
    <message>
        <source>Since added:</source>
        <translation>添加以来：</translation>
    </message>
    <message>
        <source>Last used:</source>
        <translation>最近使用：</translation>
    </message>
    <message>
        <source>Last error:</source>
        <translation>最近错误：</translation>
    </message>
    <message>
        <source>Resting for:</source>
        <translation>冷却中的模型：</translation>
    </message>
    <message>
        <source>Usage by model</source>
        <translation>按模型统计用量</translation>
    </message>
    <message>
        <source>Recent errors</source>
        <translation>最近错误</translation>
    </message>
</context>
<context>
    <name>KeysPage</name>
    <message>
        <source>Add keys…</source>
        <translation>添加密钥…</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>禁用</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Copy key</source>
        <translation>复制密钥</translation>
    </message>
    <message>
        <source>Details…</source>
        <translation>详情…</translation>
    </message>
    <message>
        <source>Usage and errors of the selected key (or double-click a row)</source>
        <translation>所选密钥的用量和错误（也可双击某一行）</translation>
    </message>
</context>
<context>
    <name>LogsPage</name>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Application log</source>
        <translation>应用日志</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>GemBalance</source>
        <translation>GemBalance</translation>
    </message>
</context>
<context>
    <name>ModelsPage</name>
    <message>
        <source>Filter models</source>
        <translation>筛选模型</translation>
    </message>
    <message>
        <source>Show hidden models</source>
        <translation>显示已隐藏的模型</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>还原</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Listening on:</source>
        <translation>监听地址：</translation>
    </message>
    <message>
        <source>OpenAI base URL:</source>
        <translation>OpenAI 基础 URL：</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Gemini base URL:</source>
        <translation>Gemini 基础 URL：</translation>
    </message>
    <message>
        <source>Client token:</source>
        <translation>客户端令牌：</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>API keys</source>
        <translation>API 密钥</translation>
    </message>
</context>
<context>
    <name>PasteKeysDialog</name>
    <message>
        <source>Add API keys</source>
        <translation>添加 API 密钥</translation>
    </message>
    <message>
        <source>Paste any text that holds Gemini API keys: a .env file, a list, a spreadsheet column. The keys are picked out of it.</source>
        <translation>粘贴任何包含 Gemini API 密钥的文本：.env 文件、列表或表格中的一列均可，程序会从中自动提取密钥。</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Desktop</source>
        <translation>桌面</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>127.0.0.1 serves this computer only; 0.0.0.0 serves the network</source>
        <translation>127.0.0.1 仅供本机使用；0.0.0.0 对整个网络提供服务</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>0 picks a free port</source>
        <translation>0 表示自动选择空闲端口</translation>
    </message>
    <message>
        <source>Listen here</source>
        <translation>在此监听</translation>
    </message>
    <message>
        <source>Start GemBalance in the tray when I log in</source>
        <translation>登录时在托盘中启动 GemBalance</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <source>Kept for the next starts (--host and --port on the command line win for their run). For https set TLS_CERT_FILE and TLS_KEY_FILE on the API tab: they are read when the server starts, so apply them with Listen here, or Stop and Start server on the Overview page.</source>
        <translation>会保留到以后的启动（命令行上的 --host 和 --port 在其那次运行中优先）。要使用 https，请在 API 选项卡中设置 TLS_CERT_FILE 和 TLS_KEY_FILE：它们在服务器启动时读取，因此请点“在此监听”，或在概览页上停止并启动服务器来应用。</translation>
    </message>
</context>
<context>
    <name>TokensPage</name>
    <message>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>吊销</translation>
    </message>
    <message>
        <source>Copy admin token</source>
        <translation>复制管理令牌</translation>
    </message>
    <message>
        <source>Client tokens (ALLOWED_TOKENS) let applications use the proxy. They are shown masked; Copy puts the whole token on the clipboard. Give each a label to tell them apart.</source>
        <translation>客户端令牌（ALLOWED_TOKENS）允许应用程序使用代理。令牌以掩码形式显示；“复制”会将完整令牌复制到剪贴板。可为每个令牌设置标签以便区分。</translation>
    </message>
    <message>
        <source>Double-click a label to name a token; labels stay on this computer</source>
        <translation>双击标签可为令牌命名；标签仅保存在本机</translation>
    </message>
</context>
<context>
    <name>gb::AutoStart</name>
    <message>
        <source>cannot change %1</source>
        <translation>无法更改 %1</translation>
    </message>
    <message>
        <source>cannot remove %1</source>
        <translation>无法删除 %1</translation>
    </message>
    <message>
        <source>cannot create %1</source>
        <translation>无法创建 %1</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>gb::DashboardFeed</name>
    <message>
        <source>the database is not open</source>
        <translation>数据库未打开</translation>
    </message>
</context>
<context>
    <name>gb::DashboardView</name>
    <message>
        <source>Last hour</source>
        <translation>最近 1 小时</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>最近 24 小时</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>调用次数</translation>
    </message>
    <message>
        <source>succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Latency (ms)</source>
        <translation>延迟（毫秒）</translation>
    </message>
    <message>
        <source>p50</source>
        <translation>p50</translation>
    </message>
    <message>
        <source>p90</source>
        <translation>p90</translation>
    </message>
    <message>
        <source>p99</source>
        <translation>p99</translation>
    </message>
    <message>
        <source>Tokens per model</source>
        <translation>各模型 Token 用量</translation>
    </message>
    <message>
        <source>prompt</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>completion</source>
        <translation>补全</translation>
    </message>
    <message>
        <source>thoughts</source>
        <translation>思考</translation>
    </message>
    <message>
        <source>Calls per key</source>
        <translation>各密钥调用次数</translation>
    </message>
    <message>
        <source>calls</source>
        <translation>调用</translation>
    </message>
    <message>
        <source>Statistics unavailable: %1</source>
        <translation>统计数据不可用：%1</translation>
    </message>
    <message>
        <source>No traffic yet in this range: the charts fill in as calls arrive.</source>
        <translation>此时间范围内尚无流量：图表会随着调用的到来逐步填充。</translation>
    </message>
</context>
<context>
    <name>gb::DesktopApp</name>
    <message>
        <source>GemBalance keeps running</source>
        <translation>GemBalance 仍在运行</translation>
    </message>
    <message>
        <source>The server keeps serving in the background. Use the tray icon to open the window or to quit.</source>
        <translation>服务器将继续在后台提供服务。可通过托盘图标打开窗口或退出程序。</translation>
    </message>
    <message>
        <source>&lt;b&gt;DEMO&lt;/b&gt; — GemBalance runs with a built-in fake Gemini upstream and sample keys (good, rate-limited, invalid) and sends itself a little traffic. Nothing here is real, and it has its own data folder. Admin token: &lt;code&gt;%1&lt;/code&gt; · client token: &lt;code&gt;%2&lt;/code&gt;</source>
        <translation>&lt;b&gt;演示&lt;/b&gt; — GemBalance 正在使用内置的模拟 Gemini 上游和示例密钥（正常、限流、无效）运行，并会向自身发送少量流量。这里的一切都不是真实的，且使用独立的数据文件夹。管理令牌：&lt;code&gt;%1&lt;/code&gt; · 客户端令牌：&lt;code&gt;%2&lt;/code&gt;</translation>
    </message>
</context>
<context>
    <name>gb::ErrorLogModel</name>
    <message>
        <source>the database is not open</source>
        <translation>数据库未打开</translation>
    </message>
    <message>
        <source>#%1 at %2, key %3, model %4</source>
        <translation>#%1，时间 %2，密钥 %3，模型 %4</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>%1, status %2</source>
        <translation>%1，状态码 %2</translation>
    </message>
    <message>
        <source>none (no answer)</source>
        <translation>无（未收到响应）</translation>
    </message>
    <message>
        <source>Upstream answer:</source>
        <translation>上游响应：</translation>
    </message>
    <message>
        <source>Request body:</source>
        <translation>请求体：</translation>
    </message>
    <message>
        <source>(not recorded: see ERROR_LOG_RECORD_REQUEST_BODY)</source>
        <translation>（未记录：参见 ERROR_LOG_RECORD_REQUEST_BODY）</translation>
    </message>
    <message>
        <source>this entry is no longer in the log</source>
        <translation>此条目已不在日志中</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>密钥</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>状态码</translation>
    </message>
</context>
<context>
    <name>gb::ErrorLogViewer</name>
    <message>
        <source>Key (hint or full key)</source>
        <translation>密钥（部分或完整）</translation>
    </message>
    <message>
        <source>Error type or text</source>
        <translation>错误类型或内容</translation>
    </message>
    <message>
        <source>Status code</source>
        <translation>状态码</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>%1 per page</source>
        <translation>每页 %1 条</translation>
    </message>
    <message>
        <source>Error log unavailable: %1</source>
        <translation>错误日志不可用：%1</translation>
    </message>
    <message>
        <source>Details unavailable: %1</source>
        <translation>详情不可用：%1</translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n entries.</source>
        <translation>
            <numerusform>已删除 %n 条记录。</numerusform>
        </translation>
    </message>
    <message>
        <source>Not deleted: %1</source>
        <translation>未删除：%1</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Delete error log entries</source>
        <translation>删除错误日志记录</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n selected entries?</source>
        <translation>
            <numerusform>要删除所选的 %n 条记录吗？</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete every entry of the error log, not only those shown?</source>
        <translation>要删除错误日志中的全部记录（而不仅是当前显示的）吗？</translation>
    </message>
    <message numerus="yes">
        <source>Page %1 of %2 (%n entries)</source>
        <translation>
            <numerusform>第 %1 / %2 页（共 %n 条）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>gb::KeyDetailDialog</name>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>Key %1</source>
        <translation>密钥 %1</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>最近 24 小时</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>No calls in this range.</source>
        <translation>此时间范围内没有调用。</translation>
    </message>
    <message>
        <source>Usage unavailable: %1</source>
        <translation>用量数据不可用：%1</translation>
    </message>
    <message>
        <source>No errors in the log for this key.</source>
        <translation>日志中没有此密钥的错误。</translation>
    </message>
    <message>
        <source>The latest %1 of %2 errors.</source>
        <translation>最近 %1 条错误（共 %2 条）。</translation>
    </message>
    <message>
        <source>Errors unavailable: %1</source>
        <translation>错误数据不可用：%1</translation>
    </message>
    <message>
        <source>Details unavailable: %1</source>
        <translation>详情不可用：%1</translation>
    </message>
    <message>
        <source>%1 succeeded, %2 failed</source>
        <translation>%1 次成功，%2 次失败</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>%1 for %2 (%3)</source>
        <translation>%1：还剩 %2（%3）</translation>
    </message>
    <message>
        <source>no model</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
</context>
<context>
    <name>gb::KeyTableModel</name>
    <message>
        <source>active</source>
        <translation>可用</translation>
    </message>
    <message>
        <source>cooling</source>
        <translation>冷却中</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>已禁用</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分钟</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>密钥</translation>
    </message>
    <message>
        <source>Failures</source>
        <translation>失败次数</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>最近错误</translation>
    </message>
    <message>
        <source>Cooldown</source>
        <translation>冷却时间</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Calls today</source>
        <translation>今日调用次数</translation>
    </message>
    <message>
        <source>Tokens today</source>
        <translation>今日 Token 用量</translation>
    </message>
</context>
<context>
    <name>gb::KeyUsageModel</name>
    <message>
        <source>the database is not open</source>
        <translation>数据库未打开</translation>
    </message>
    <message>
        <source>(no model)</source>
        <translation>（无模型）</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>调用次数</translation>
    </message>
    <message>
        <source>Failures</source>
        <translation>失败次数</translation>
    </message>
    <message>
        <source>Prompt tokens</source>
        <translation>提示 Token</translation>
    </message>
    <message>
        <source>Answer tokens</source>
        <translation>回答 Token</translation>
    </message>
    <message>
        <source>Total tokens</source>
        <translation>Token 总数</translation>
    </message>
</context>
<context>
    <name>gb::KeysPage</name>
    <message>
        <source>All keys</source>
        <translation>全部密钥</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>可用</translation>
    </message>
    <message>
        <source>Cooling</source>
        <translation>冷却中</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>已禁用</translation>
    </message>
    <message>
        <source>Filter by key or error</source>
        <translation>按密钥或错误筛选</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n key(s)</source>
        <translation>
            <numerusform>%1 / %n 个密钥</numerusform>
        </translation>
    </message>
    <message>
        <source>Add keys</source>
        <translation>添加密钥</translation>
    </message>
    <message numerus="yes">
        <source>Added %n key(s).</source>
        <translation>
            <numerusform>已添加 %n 个密钥。</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete keys</source>
        <translation>删除密钥</translation>
    </message>
    <message numerus="yes">
        <source>Remove %n key(s) from the pool?</source>
        <translation>
            <numerusform>要从密钥池中移除 %n 个密钥吗？</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removed %n key(s).</source>
        <translation>
            <numerusform>已移除 %n 个密钥。</numerusform>
        </translation>
    </message>
    <message>
        <source>Verified: %1 valid, %2 invalid.</source>
        <translation>验证完成：%1 个有效，%2 个无效。</translation>
    </message>
    <message>
        <source>First failure: %1 (%2)</source>
        <translation>首个失败：%1（%2）</translation>
    </message>
    <message numerus="yes">
        <source>Reset %n key(s).</source>
        <translation>
            <numerusform>已重置 %n 个密钥。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Enabled %n key(s).</source>
        <translation>
            <numerusform>已启用 %n 个密钥。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Disabled %n key(s).</source>
        <translation>
            <numerusform>已禁用 %n 个密钥。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>gb::LogModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
</context>
<context>
    <name>gb::LogsPage</name>
    <message>
        <source>Debug and above</source>
        <translation>调试及以上</translation>
    </message>
    <message>
        <source>Info and above</source>
        <translation>信息及以上</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>警告和错误</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>仅错误</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>Search the messages</source>
        <translation>搜索消息</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Error log (database)</source>
        <translation>错误日志（数据库）</translation>
    </message>
</context>
<context>
    <name>gb::MainWindow</name>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>密钥</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>令牌</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>GemBalance — DEMO</source>
        <translation>GemBalance — 演示</translation>
    </message>
</context>
<context>
    <name>gb::ModelListModel</name>
    <message>
        <source>search alias</source>
        <translation>搜索别名</translation>
    </message>
    <message>
        <source>image alias</source>
        <translation>图像别名</translation>
    </message>
    <message>
        <source>non-thinking alias</source>
        <translation>非思考别名</translation>
    </message>
    <message>
        <source>model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>hidden</source>
        <translation>已隐藏</translation>
    </message>
    <message>
        <source>dynamic</source>
        <translation>动态</translation>
    </message>
    <message>
        <source>Checked: hidden from model lists and refused in requests (FILTERED_MODELS)</source>
        <translation>勾选：从模型列表中隐藏并拒绝相关请求（FILTERED_MODELS）</translation>
    </message>
    <message>
        <source>Thinking budget in tokens (THINKING_BUDGET_MAP): -1 dynamic, empty for the default</source>
        <translation>思考预算，单位为 Token（THINKING_BUDGET_MAP）：-1 表示动态，留空表示默认值</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Filtered</source>
        <translation>已过滤</translation>
    </message>
    <message>
        <source>Thinking budget</source>
        <translation>思考预算</translation>
    </message>
</context>
<context>
    <name>gb::ModelsPage</name>
    <message>
        <source>The model list could not be fetched: %1</source>
        <translation>无法获取模型列表：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s) served, aliases included; %1 hidden by FILTERED_MODELS.</source>
        <translation>
            <numerusform>共提供 %n 个模型（含别名）；%1 个被 FILTERED_MODELS 隐藏。</numerusform>
        </translation>
    </message>
    <message>
        <source>Fetching the model list…</source>
        <translation>正在获取模型列表…</translation>
    </message>
    <message>
        <source>THINKING_BUDGET_MAP: %1 is not a number of tokens.</source>
        <translation>THINKING_BUDGET_MAP：%1 不是有效的 Token 数。</translation>
    </message>
</context>
<context>
    <name>gb::OverviewPage</name>
    <message>
        <source>No client token: clients are refused until you generate one.</source>
        <translation>没有客户端令牌：在生成令牌之前，所有客户端请求都会被拒绝。</translation>
    </message>
    <message>
        <source>Client token</source>
        <translation>客户端令牌</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Stop server</source>
        <translation>停止服务器</translation>
    </message>
    <message>
        <source>Start server</source>
        <translation>启动服务器</translation>
    </message>
    <message>
        <source>not listening</source>
        <translation>未监听</translation>
    </message>
    <message>
        <source>%1 active</source>
        <translation>%1 个可用</translation>
    </message>
    <message>
        <source>%1 cooling</source>
        <translation>%1 个冷却中</translation>
    </message>
    <message>
        <source>%1 disabled</source>
        <translation>%1 个已禁用</translation>
    </message>
    <message>
        <source>stopped: %1</source>
        <translation>已停止：%1</translation>
    </message>
</context>
<context>
    <name>gb::PasteKeysDialog</name>
    <message numerus="yes">
        <source>%n key(s) found: %1 new, %2 already in the pool, %3 duplicate(s) ignored.</source>
        <translation>
            <numerusform>找到 %n 个密钥：%1 个新密钥，%2 个已在密钥池中，已忽略 %3 个重复项。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add %n key(s)</source>
        <translation>
            <numerusform>添加 %n 个密钥</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>gb::ProxyLink</name>
    <message>
        <source>the server is stopped</source>
        <translation>服务器已停止</translation>
    </message>
    <message>
        <source>the upstream answered HTTP %1</source>
        <translation>上游返回 HTTP %1</translation>
    </message>
</context>
<context>
    <name>gb::SettingEditor</name>
    <message>
        <source>JSON array or comma-separated values</source>
        <translation>JSON 数组或逗号分隔的值</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Show or hide the secret value</source>
        <translation>显示或隐藏机密值</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>Put the default value in the field (Apply saves it)</source>
        <translation>在字段中填入默认值（点击“应用”后保存）</translation>
    </message>
    <message>
        <source>(%1)</source>
        <translation>（%1）</translation>
    </message>
    <message>
        <source>Where the value in use comes from: default, .env, environment or saved</source>
        <translation>当前值的来源：默认、.env、环境变量或已保存</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
</context>
<context>
    <name>gb::SettingEditorGroup</name>
    <message>
        <source>Nothing to apply.</source>
        <translation>没有需要应用的更改。</translation>
    </message>
    <message numerus="yes">
        <source>Nothing was applied: %n setting(s) refused (%1).</source>
        <translation>
            <numerusform>未应用任何更改：%n 项设置被拒绝（%1）。</numerusform>
        </translation>
    </message>
    <message>
        <source>No value changed.</source>
        <translation>没有值发生变化。</translation>
    </message>
    <message>
        <source>Applied and saved: %1.</source>
        <translation>已应用并保存：%1。</translation>
    </message>
    <message>
        <source>Takes effect after a restart: %1.</source>
        <translation>重启后生效：%1。</translation>
    </message>
</context>
<context>
    <name>gb::SettingSpec</name>
    <message>
        <source>Database backend, sqlite or mysql.</source>
        <translation>数据库后端，sqlite 或 mysql。</translation>
    </message>
    <message>
        <source>SQLite database file name, relative to the data directory.</source>
        <translation>SQLite 数据库文件名，相对于数据目录。</translation>
    </message>
    <message>
        <source>MySQL server host name or address.</source>
        <translation>MySQL 服务器主机名或地址。</translation>
    </message>
    <message>
        <source>MySQL server TCP port.</source>
        <translation>MySQL 服务器 TCP 端口。</translation>
    </message>
    <message>
        <source>MySQL user name.</source>
        <translation>MySQL 用户名。</translation>
    </message>
    <message>
        <source>MySQL password.</source>
        <translation>MySQL 密码。</translation>
    </message>
    <message>
        <source>MySQL database (schema) name.</source>
        <translation>MySQL 数据库（schema）名称。</translation>
    </message>
    <message>
        <source>Path of a local MySQL Unix socket, used instead of host and port when set.</source>
        <translation>本地 MySQL Unix 套接字路径，设置后将代替主机和端口使用。</translation>
    </message>
    <message>
        <source>Gemini API keys that are pooled and rotated for upstream requests.</source>
        <translation>用于上游请求、在池中轮换使用的 Gemini API 密钥。</translation>
    </message>
    <message>
        <source>Client tokens that are accepted for API access.</source>
        <translation>允许访问 API 的客户端令牌。</translation>
    </message>
    <message>
        <source>Token that grants access to the admin pages and the admin API.</source>
        <translation>用于访问管理页面和管理 API 的令牌。</translation>
    </message>
    <message>
        <source>Base URL of the Gemini API used for upstream requests.</source>
        <translation>用于上游请求的 Gemini API 基础 URL。</translation>
    </message>
    <message>
        <source>Number of failures after which a key counts as invalid.</source>
        <translation>密钥失败达到此次数后即视为无效。</translation>
    </message>
    <message>
        <source>Model used to check whether a key works.</source>
        <translation>用于检测密钥是否可用的模型。</translation>
    </message>
    <message>
        <source>Upstream request timeout in seconds.</source>
        <translation>上游请求超时时间（秒）。</translation>
    </message>
    <message>
        <source>Number of upstream attempts per request, the first one included.</source>
        <translation>每个请求的上游尝试次数（含首次）。</translation>
    </message>
    <message>
        <source>Proxies for upstream requests, each scheme://[user:password@]host:port with scheme http, https or socks5.</source>
        <translation>上游请求使用的代理，格式为 scheme://[user:password@]host:port，scheme 可为 http、https 或 socks5。</translation>
    </message>
    <message>
        <source>Always send requests made with the same API key through the same proxy.</source>
        <translation>使用同一 API 密钥的请求始终通过同一代理发送。</translation>
    </message>
    <message>
        <source>Vertex AI Express API keys.</source>
        <translation>Vertex AI Express API 密钥。</translation>
    </message>
    <message>
        <source>Base URL of the Vertex AI Express API.</source>
        <translation>Vertex AI Express API 的基础 URL。</translation>
    </message>
    <message>
        <source>Map non-standard request paths to the matching API routes.</source>
        <translation>将非标准请求路径映射到对应的 API 路由。</translation>
    </message>
    <message>
        <source>Extra HTTP headers added to every upstream Gemini request.</source>
        <translation>添加到每个上游 Gemini 请求中的额外 HTTP 头。</translation>
    </message>
    <message>
        <source>Largest accepted request body, in megabytes.</source>
        <translation>允许的最大请求体大小（MB）。</translation>
    </message>
    <message>
        <source>Relayed requests in flight at most; beyond it a request gets 503 with Retry-After (0: no limit).</source>
        <translation>同时转发的请求上限；超出时请求会收到带 Retry-After 的 503（0：不限制）。</translation>
    </message>
    <message>
        <source>How long a request beyond MAX_CONCURRENT_REQUESTS may wait for a free slot before its 503, in milliseconds (0: no wait).</source>
        <translation>超出 MAX_CONCURRENT_REQUESTS 的请求在返回 503 前等待空闲名额的最长时间，单位为毫秒（0：不等待）。</translation>
    </message>
    <message>
        <source>Event loops serving clients, each on its own thread (0: one per CPU core, at most 8; https is served by one), read when the server starts (restart it to apply a change).</source>
        <translation>服务客户端的事件循环数，每个运行在自己的线程上（0：每个 CPU 核心一个，最多 8 个；https 由一个循环服务），在服务器启动时读取（重启服务器以应用更改）。</translation>
    </message>
    <message>
        <source>HTTP/2 to the upstream: auto (https negotiates it, http uses HTTP/1.1), off (never), or prior-knowledge (http upstreams spoken to as HTTP/2 cleartext, h2c).</source>
        <translation>与上游的 HTTP/2：auto（https 自动协商，http 使用 HTTP/1.1）、off（从不使用）或 prior-knowledge（对 http 上游直接使用明文 HTTP/2，即 h2c）。</translation>
    </message>
    <message>
        <source>How the next key is chosen: round_robin, least_recently_used or weighted.</source>
        <translation>选择下一个密钥的方式：round_robin、least_recently_used 或 weighted。</translation>
    </message>
    <message>
        <source>Weights of keys for the weighted strategy, as a JSON object of key to weight (1 to 1000; default 1).</source>
        <translation>weighted 策略下各密钥的权重，格式为密钥到权重的 JSON 对象（1 到 1000；默认 1）。</translation>
    </message>
    <message>
        <source>Upstream HTTP statuses that count towards MAX_FAILURES (a 400 only when the key is invalid).</source>
        <translation>计入 MAX_FAILURES 的上游 HTTP 状态码（400 仅在密钥无效时计入）。</translation>
    </message>
    <message>
        <source>How much a server error or connection failure not listed in FAILURE_STATUS_CODES counts towards MAX_FAILURES (0: not at all); timeouts never count.</source>
        <translation>未列入 FAILURE_STATUS_CODES 的服务器错误或连接失败计入 MAX_FAILURES 的程度（0：完全不计入）；超时从不计入。</translation>
    </message>
    <message>
        <source>Rest after a rate limit that gives no retry delay, doubled on each further one for the same key and model.</source>
        <translation>遇到未给出重试延迟的限流后的冷却时间，同一密钥和模型每再次限流一次即翻倍。</translation>
    </message>
    <message>
        <source>Longest rest after repeated rate limits (a daily quota always rests until midnight Pacific time).</source>
        <translation>多次限流后的最长冷却时间（每日配额用尽时总是冷却到太平洋时间午夜）。</translation>
    </message>
    <message>
        <source>How many keys are checked at once by verification and the scheduled health check.</source>
        <translation>验证和定时健康检查时同时检查的密钥数量。</translation>
    </message>
    <message>
        <source>Models that get a &quot;-search&quot; variant with Google Search grounding.</source>
        <translation>会生成带 Google 搜索接地的“-search”变体的模型。</translation>
    </message>
    <message>
        <source>Models that get an &quot;-image&quot; variant that can answer with images.</source>
        <translation>会生成可用图像回答的“-image”变体的模型。</translation>
    </message>
    <message>
        <source>Models hidden from model lists and refused in requests.</source>
        <translation>从模型列表中隐藏并在请求中拒绝的模型。</translation>
    </message>
    <message>
        <source>Add the code execution tool to requests.</source>
        <translation>在请求中添加代码执行工具。</translation>
    </message>
    <message>
        <source>Add the URL context tool to requests for the URL context models.</source>
        <translation>为 URL 上下文模型的请求添加 URL 上下文工具。</translation>
    </message>
    <message>
        <source>Models that get the URL context tool when it is enabled.</source>
        <translation>启用 URL 上下文工具时可使用该工具的模型。</translation>
    </message>
    <message>
        <source>Append the links of search results to grounded answers.</source>
        <translation>在接地回答后附上搜索结果链接。</translation>
    </message>
    <message>
        <source>Include the model&apos;s thoughts in answers.</source>
        <translation>在回答中包含模型的思考过程。</translation>
    </message>
    <message>
        <source>Models that get a &quot;-non-thinking&quot; variant.</source>
        <translation>会生成“-non-thinking”变体的模型。</translation>
    </message>
    <message>
        <source>Thinking budget in tokens per model, where -1 means dynamic.</source>
        <translation>各模型的思考预算（令牌数），-1 表示动态。</translation>
    </message>
    <message>
        <source>Safety settings (category and threshold) sent with every request.</source>
        <translation>随每个请求发送的安全设置（类别和阈值）。</translation>
    </message>
    <message>
        <source>Model used for text to speech.</source>
        <translation>用于文本转语音的模型。</translation>
    </message>
    <message>
        <source>Voice used for text to speech.</source>
        <translation>用于文本转语音的音色。</translation>
    </message>
    <message>
        <source>Speaking speed used for text to speech.</source>
        <translation>文本转语音的语速。</translation>
    </message>
    <message>
        <source>Paid Gemini API key used for image generation.</source>
        <translation>用于图像生成的付费 Gemini API 密钥。</translation>
    </message>
    <message>
        <source>Model used to generate images.</source>
        <translation>用于生成图像的模型。</translation>
    </message>
    <message>
        <source>Service that generated images are uploaded to: smms, picgo, cloudflare_imgbed or aliyun_oss.</source>
        <translation>生成图像的上传服务：smms、picgo、cloudflare_imgbed 或 aliyun_oss。</translation>
    </message>
    <message>
        <source>SM.MS API token for image uploads.</source>
        <translation>用于上传图像的 SM.MS API 令牌。</translation>
    </message>
    <message>
        <source>PicGo API key for image uploads.</source>
        <translation>用于上传图像的 PicGo API 密钥。</translation>
    </message>
    <message>
        <source>PicGo upload endpoint URL.</source>
        <translation>PicGo 上传端点 URL。</translation>
    </message>
    <message>
        <source>CloudFlare ImgBed upload URL.</source>
        <translation>CloudFlare ImgBed 上传 URL。</translation>
    </message>
    <message>
        <source>CloudFlare ImgBed authentication code.</source>
        <translation>CloudFlare ImgBed 认证码。</translation>
    </message>
    <message>
        <source>CloudFlare ImgBed folder that images are uploaded to.</source>
        <translation>图像上传到的 CloudFlare ImgBed 文件夹。</translation>
    </message>
    <message>
        <source>Aliyun OSS endpoint.</source>
        <translation>阿里云 OSS 端点。</translation>
    </message>
    <message>
        <source>Aliyun OSS internal endpoint.</source>
        <translation>阿里云 OSS 内网端点。</translation>
    </message>
    <message>
        <source>Aliyun OSS access key ID.</source>
        <translation>阿里云 OSS AccessKey ID。</translation>
    </message>
    <message>
        <source>Aliyun OSS access key secret.</source>
        <translation>阿里云 OSS AccessKey Secret。</translation>
    </message>
    <message>
        <source>Aliyun OSS bucket name.</source>
        <translation>阿里云 OSS 存储桶名称。</translation>
    </message>
    <message>
        <source>Aliyun OSS region.</source>
        <translation>阿里云 OSS 地域。</translation>
    </message>
    <message>
        <source>Smooth streamed text by re-sending it in small paced pieces.</source>
        <translation>将流式文本拆成小块并按节奏重新发送，使输出更平滑。</translation>
    </message>
    <message>
        <source>Shortest pause between streamed pieces, in seconds.</source>
        <translation>流式片段之间的最短间隔（秒）。</translation>
    </message>
    <message>
        <source>Longest pause between streamed pieces, in seconds.</source>
        <translation>流式片段之间的最长间隔（秒）。</translation>
    </message>
    <message>
        <source>Length in characters below which the optimizer treats a text as short.</source>
        <translation>低于此字符数时，优化器将文本视为短文本。</translation>
    </message>
    <message>
        <source>Length in characters above which the optimizer treats a text as long.</source>
        <translation>高于此字符数时，优化器将文本视为长文本。</translation>
    </message>
    <message>
        <source>Characters per piece when the optimizer sends a long text.</source>
        <translation>优化器发送长文本时每个片段的字符数。</translation>
    </message>
    <message>
        <source>Answer streaming requests from a non-streaming upstream call, sending keep-alive data while waiting.</source>
        <translation>通过非流式上游调用响应流式请求，并在等待期间发送保活数据。</translation>
    </message>
    <message>
        <source>Seconds between keep-alive messages during a fake stream.</source>
        <translation>假流式期间发送保活消息的间隔（秒）。</translation>
    </message>
    <message>
        <source>Hours between re-checks of failed keys, where 0 turns the check off.</source>
        <translation>重新检查失败密钥的间隔（小时），0 表示关闭检查。</translation>
    </message>
    <message>
        <source>IANA time zone of scheduled jobs, or empty for the system time zone.</source>
        <translation>定时任务使用的 IANA 时区，留空则使用系统时区。</translation>
    </message>
    <message>
        <source>Owner of the GitHub repository that is checked for updates.</source>
        <translation>用于检查更新的 GitHub 仓库所有者。</translation>
    </message>
    <message>
        <source>Name of the GitHub repository that is checked for updates.</source>
        <translation>用于检查更新的 GitHub 仓库名称。</translation>
    </message>
    <message>
        <source>Lowest level of logged messages: DEBUG, INFO, WARNING, ERROR or CRITICAL.</source>
        <translation>记录消息的最低级别：DEBUG、INFO、WARNING、ERROR 或 CRITICAL。</translation>
    </message>
    <message>
        <source>Store the request body with each error log entry.</source>
        <translation>在每条错误日志记录中保存请求体。</translation>
    </message>
    <message>
        <source>Delete old error log entries automatically.</source>
        <translation>自动删除旧的错误日志记录。</translation>
    </message>
    <message>
        <source>Age in days after which error log entries are deleted.</source>
        <translation>错误日志记录保留的天数，超过后即删除。</translation>
    </message>
    <message>
        <source>Delete old request log entries automatically.</source>
        <translation>自动删除旧的请求日志记录。</translation>
    </message>
    <message>
        <source>Age in days after which request log entries are deleted.</source>
        <translation>请求日志记录保留的天数，超过后即删除。</translation>
    </message>
    <message>
        <source>Remove expired uploaded files automatically.</source>
        <translation>自动删除已过期的上传文件。</translation>
    </message>
    <message>
        <source>Hours between clean-ups of expired files.</source>
        <translation>清理过期文件的间隔（小时）。</translation>
    </message>
    <message>
        <source>Let each user list only the files they uploaded.</source>
        <translation>每个用户只能列出自己上传的文件。</translation>
    </message>
    <message>
        <source>Lifetime of an admin session in seconds, from 300 to 86400.</source>
        <translation>管理会话的有效期（秒），范围 300 到 86400。</translation>
    </message>
    <message>
        <source>PEM certificate file (its chain may follow it) that, with TLS_KEY_FILE, makes the server speak https only; read when the server starts (restart it to apply a change).</source>
        <translation>PEM 证书文件（其后可跟证书链），与 TLS_KEY_FILE 一起设置时服务器只使用 https；在服务器启动时读取（重启服务器以应用更改）。</translation>
    </message>
    <message>
        <source>Unencrypted PEM private key file of TLS_CERT_FILE; read when the server starts (restart it to apply a change).</source>
        <translation>TLS_CERT_FILE 的未加密 PEM 私钥文件；在服务器启动时读取（重启服务器以应用更改）。</translation>
    </message>
</context>
<context>
    <name>gb::SettingsPage</name>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>API</source>
        <translation>API</translation>
    </message>
    <message>
        <source>Key pool</source>
        <translation>密钥池</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>TTS and images</source>
        <translation>TTS 与图像</translation>
    </message>
    <message>
        <source>Streaming</source>
        <translation>流式传输</translation>
    </message>
    <message>
        <source>Scheduler</source>
        <translation>定时任务</translation>
    </message>
    <message>
        <source>Logging</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>管理</translation>
    </message>
    <message>
        <source>Reverted to the values in use.</source>
        <translation>已还原为当前使用的值。</translation>
    </message>
    <message>
        <source>Listening on %1.</source>
        <translation>正在监听 %1。</translation>
    </message>
    <message>
        <source>The server is stopped.</source>
        <translation>服务器已停止。</translation>
    </message>
    <message>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Check proxies</source>
        <translation>检查代理</translation>
    </message>
    <message>
        <source>Reach the upstream through each proxy in the field (no key is sent)</source>
        <translation>通过字段中的每个代理连接上游（不发送任何密钥）</translation>
    </message>
    <message>
        <source>No proxies: calls go straight to the upstream.</source>
        <translation>未配置代理：调用将直接发往上游。</translation>
    </message>
    <message numerus="yes">
        <source>Checking %n proxy(s)…</source>
        <translation>
            <numerusform>正在检查 %n 个代理…</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: works (%2 ms, the upstream answered HTTP %3)</source>
        <translation>%1：可用（%2 ms，上游返回 HTTP %3）</translation>
    </message>
    <message>
        <source>%1: fails (%2)</source>
        <translation>%1：失败（%2）</translation>
    </message>
    <message>
        <source>%1 is not an IP address.</source>
        <translation>%1 不是 IP 地址。</translation>
    </message>
    <message>
        <source>Restarting the server…</source>
        <translation>正在重启服务器…</translation>
    </message>
</context>
<context>
    <name>gb::TokenTableModel</name>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>令牌</translation>
    </message>
</context>
<context>
    <name>gb::TokensPage</name>
    <message>
        <source>No admin token (AUTH_TOKEN) is set.</source>
        <translation>未设置管理令牌（AUTH_TOKEN）。</translation>
    </message>
    <message>
        <source>Admin token (AUTH_TOKEN): %1</source>
        <translation>管理令牌（AUTH_TOKEN）：%1</translation>
    </message>
    <message>
        <source>No admin token was set, so GemBalance generated one and saved it: &lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Use it to sign in to the web admin page and the admin API. It is shown this once; you can copy it later with the button below.</source>
        <translation>由于未设置管理令牌，GemBalance 已自动生成并保存了一个：&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;可用它登录网页管理界面和管理 API。此令牌仅显示这一次；之后可通过下方按钮复制。</translation>
    </message>
    <message>
        <source>Client tokens</source>
        <translation>客户端令牌</translation>
    </message>
    <message>
        <source>Revoke token</source>
        <translation>吊销令牌</translation>
    </message>
    <message>
        <source>Revoke %1? Clients using it are refused from now on.</source>
        <translation>要吊销 %1 吗？此后使用该令牌的客户端请求将被拒绝。</translation>
    </message>
    <message>
        <source>Secrets (API keys, tokens, passwords) are stored in the system keychain; the database file only notes that they are there.</source>
        <translation>机密信息（API 密钥、令牌、密码）保存在系统钥匙串中；数据库文件中只记录它们存在于钥匙串。</translation>
    </message>
    <message>
        <source>Secrets are stored in the database file (no system keychain found). Keep that file private.</source>
        <translation>机密信息保存在数据库文件中（未找到系统钥匙串）。请妥善保管该文件。</translation>
    </message>
</context>
<context>
    <name>gb::TrayController</name>
    <message>
        <source>Show GemBalance</source>
        <translation>显示 GemBalance</translation>
    </message>
    <message>
        <source>Stop server</source>
        <translation>停止服务器</translation>
    </message>
    <message>
        <source>Copy OpenAI base URL</source>
        <translation>复制 OpenAI 基础 URL</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>GemBalance: all keys ready</source>
        <translation>GemBalance：所有密钥均可用</translation>
    </message>
    <message>
        <source>GemBalance: some keys cooling or disabled</source>
        <translation>GemBalance：部分密钥冷却中或已禁用</translation>
    </message>
    <message>
        <source>GemBalance: no usable key</source>
        <translation>GemBalance：没有可用的密钥</translation>
    </message>
    <message>
        <source>GemBalance: server stopped</source>
        <translation>GemBalance：服务器已停止</translation>
    </message>
    <message>
        <source>%1 active, %2 cooling, %3 disabled</source>
        <translation>%1 个可用，%2 个冷却中，%3 个已禁用</translation>
    </message>
    <message>
        <source>Start server</source>
        <translation>启动服务器</translation>
    </message>
</context>
<context>
    <name>gb::UiLanguage</name>
    <message>
        <source>System language</source>
        <translation>跟随系统</translation>
    </message>
</context>
</TS>
