// Writes the plotly.js that Plotly.NET embeds (the version its charts are made for) to $PLOTLY_JS_OUT, so an HTML
// export can load it from disk: the kernel's chart HTML calls Plotly.newPlot and expects plotly.js on the page.
var assembly = typeof(Plotly.NET.GenericChart).Assembly;
var name = assembly.GetManifestResourceNames().Single(n => n.StartsWith("Plotly.NET.plotly-") && n.EndsWith(".min.js"));
var target = Environment.GetEnvironmentVariable("PLOTLY_JS_OUT") ?? throw new InvalidOperationException("set PLOTLY_JS_OUT to the file to write");
using (var source = assembly.GetManifestResourceStream(name)!)
using (var file = File.Create(target)) source.CopyTo(file);
Console.WriteLine($"{name} -> {target}");
