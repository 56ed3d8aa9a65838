Console.Error.WriteLine("r1: being written (issue 10)");
return 1;
