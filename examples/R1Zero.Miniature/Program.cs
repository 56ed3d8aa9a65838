// R1-Zero in miniature: the main job (being built; see issue 4).
System.Console.WriteLine("R1-Zero in miniature: not built yet.");
