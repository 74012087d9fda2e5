<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>GemBalance</source>
        <translation>GemBalance</translation>
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
    <name>TokensPage</name>
    <message>
        <source>Client tokens (ALLOWED_TOKENS) let applications use the proxy. They are shown masked; Copy puts the whole token on the clipboard.</source>
        <translation>客户端令牌（ALLOWED_TOKENS）用于允许应用程序使用代理。令牌以掩码形式显示；点击“复制”可将完整令牌复制到剪贴板。</translation>
    </message>
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
