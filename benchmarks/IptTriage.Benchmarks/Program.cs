public class B { static void Main(){} }
