using System.Reflection;
using System.Text.Json.Serialization;
using ResearchKit.Kernel;
using ResearchKit.Kernel.Messages;

namespace ResearchKit.Kernel.Tests.Protocol;

/// <summary>Each content record's JSON names against the field list of the Jupyter messaging spec (5.3; iopub_welcome from 5.5).</summary>
public sealed class MessageKeysTests
{
    public static TheoryData<Type, string[]> Spec() => new()
    {
        { typeof(MessageHeader), ["msg_id", "session", "username", "date", "msg_type", "version"] },
        { typeof(ExecuteRequest), ["code", "silent", "store_history", "user_expressions", "allow_stdin", "stop_on_error"] },
        { typeof(ExecuteReply), ["status", "execution_count", "user_expressions", "payload", "ename", "evalue", "traceback"] },
        { typeof(ExecuteInput), ["code", "execution_count"] },
        { typeof(ExecuteResult), ["execution_count", "data", "metadata"] },
        { typeof(DisplayData), ["data", "metadata", "transient"] },
        { typeof(DisplayTransient), ["display_id"] },
        { typeof(StreamText), ["name", "text"] },
        { typeof(ErrorContent), ["ename", "evalue", "traceback"] },
        { typeof(StatusContent), ["execution_state"] },
        { typeof(ClearOutput), ["wait"] },
        { typeof(KernelInfoReply), ["status", "protocol_version", "implementation", "implementation_version", "language_info", "banner", "help_links"] },
        { typeof(LanguageInfo), ["name", "version", "mimetype", "file_extension", "pygments_lexer", "codemirror_mode", "nbconvert_exporter"] },
        { typeof(HelpLink), ["text", "url"] },
        { typeof(CompleteRequest), ["code", "cursor_pos"] },
        { typeof(CompleteReply), ["status", "matches", "cursor_start", "cursor_end", "metadata"] },
        { typeof(InspectRequest), ["code", "cursor_pos", "detail_level"] },
        { typeof(InspectReply), ["status", "found", "data", "metadata"] },
        { typeof(IsCompleteRequest), ["code"] },
        { typeof(IsCompleteReply), ["status", "indent"] },
        { typeof(CommInfoRequest), ["target_name"] },
        { typeof(CommInfoReply), ["status", "comms"] },
        { typeof(ShutdownRequest), ["restart"] },
        { typeof(ShutdownReply), ["status", "restart"] },
        { typeof(InterruptReply), ["status"] },
        { typeof(AbortedReply), ["status"] },
        { typeof(InputRequest), ["prompt", "password"] },
        { typeof(InputReply), ["value"] },
        { typeof(HistoryReply), ["status", "history"] },
        { typeof(IopubWelcome), ["subscription"] },
        { typeof(ConnectionInfo), ["transport", "ip", "shell_port", "iopub_port", "stdin_port", "control_port", "hb_port", "key", "signature_scheme", "kernel_name"] },
    };

    [Theory]
    [MemberData(nameof(Spec))]
    public void Json_names_match_the_spec(Type record, string[] fields)
    {
        var names = record.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name)
            .Where(n => n is not null)
            .ToHashSet();
        Assert.Equal(fields.Order(), names.Order()!);
    }

    [Fact]
    public void Every_message_record_is_covered()
    {
        var covered = Spec().Select(row => (Type)row[0]).ToHashSet();
        var records = typeof(ExecuteRequest).Assembly.GetTypes().Where(t => t.Namespace == typeof(ExecuteRequest).Namespace && t.IsPublic && t != typeof(ErrorReply));
        Assert.All(records, t => Assert.Contains(t, covered));
    }
}
